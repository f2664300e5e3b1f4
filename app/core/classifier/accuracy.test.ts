// A fixed split of Bitext: train on the first 20 examples of each label, test
// on every third test line. Measured 98.5% when written; the floor leaves a
// margin for deliberate trade-offs, not for regressions of several points.
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { trainClassifier } from "./classifier.ts";
import { evaluate } from "./evaluate.ts";
import { readJsonl } from "./jsonl.ts";

const dir = fileURLToPath(new URL("../../../bench/datasets/bitext-customer-service/", import.meta.url));

test("accuracy floor on a fixed Bitext split", () => {
  const perLabel = new Map<string, number>();
  const train = readJsonl(`${dir}train.jsonl`).filter((e) => {
    const seen = perLabel.get(e.label) ?? 0;
    perLabel.set(e.label, seen + 1);
    return seen < 20;
  });
  const test = readJsonl(`${dir}test.jsonl`).filter((_, i) => i % 3 === 0);
  expect(train).toHaveLength(27 * 20);
  const result = evaluate(trainClassifier(train), test);
  expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  expect(result.macroF1).toBeGreaterThanOrEqual(0.95);
});
