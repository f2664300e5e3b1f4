import { expect, test } from "vitest";
import { decideActivation } from "./activation.ts";

test.each([
  // before, after, activate
  [{ corrections: 0.5, corpus: 0.9 }, { corrections: 0.8, corpus: 0.9 }, true],
  [{ corrections: 0.5, corpus: 0.9 }, { corrections: 0.5, corpus: 0.9 }, true],
  [{ corrections: 0.5, corpus: 0.9 }, { corrections: 0.4, corpus: 0.95 }, false],
  [{ corrections: 0.5, corpus: 0.9 }, { corrections: 1, corpus: 0.895 }, true],
  [{ corrections: 0.5, corpus: 0.9 }, { corrections: 1, corpus: 0.85 }, false],
  [{ corrections: null, corpus: 0.9 }, { corrections: null, corpus: 0.9 }, true],
  [{ corrections: null, corpus: 0.9 }, { corrections: null, corpus: 0.7 }, false],
] as const)("before %o, after %o → activate %s", (before, after, activate) => {
  const decision = decideActivation(before, after);
  expect(decision.activate).toBe(activate);
  expect(decision.reason.length).toBeGreaterThan(0);
});

test("the reason names the set that got worse", () => {
  expect(decideActivation({ corrections: 0.6, corpus: 0.9 }, { corrections: 0.2, corpus: 0.9 }).reason).toContain("held-back corrections");
  expect(decideActivation({ corrections: 0.6, corpus: 0.9 }, { corrections: 0.9, corpus: 0.5 }).reason).toContain("corpus");
});

test("the corpus tolerance is configurable", () => {
  expect(decideActivation({ corrections: null, corpus: 0.9 }, { corrections: null, corpus: 0.88 }, { corpusTolerance: 0.05 }).activate).toBe(true);
  expect(decideActivation({ corrections: null, corpus: 0.9 }, { corrections: null, corpus: 0.88 }, { corpusTolerance: 0 }).activate).toBe(false);
});
