import { expect, test } from "vitest";
import { splitExamples, unitHash } from "./split.ts";

const make = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `ex-${i}` }));

test("the split is the same on every call and independent of input order", () => {
  const examples = make(100);
  const a = splitExamples(examples, "shop-a");
  const b = splitExamples([...examples].reverse(), "shop-a");
  expect(a.heldBack.map((e) => e.id).sort()).toEqual(b.heldBack.map((e) => e.id).sort());
});

test("an example held back stays held back when more corrections arrive", () => {
  const before = splitExamples(make(60), "shop-a");
  const after = splitExamples(make(200), "shop-a");
  const heldAfter = new Set(after.heldBack.map((e) => e.id));
  for (const e of before.heldBack) expect(heldAfter.has(e.id)).toBe(true);
});

test.each([
  [0, 0],
  [1, 0],
  [2, 1],
  [4, 2],
  [6, 3],
  [10, 3],
])("with %i examples at least min(3, half) are held back (%i)", (n, atLeast) => {
  const { train, heldBack } = splitExamples(make(n), "s");
  expect(heldBack.length).toBeGreaterThanOrEqual(atLeast);
  expect(heldBack.length).toBeLessThanOrEqual(Math.floor(n / 2));
  expect(train.length + heldBack.length).toBe(n);
});

test("about a fifth is held back from many examples", () => {
  const { heldBack } = splitExamples(make(2_000), "shop-b");
  expect(heldBack.length / 2_000).toBeGreaterThan(0.17);
  expect(heldBack.length / 2_000).toBeLessThan(0.23);
});

test("different shops hold back different examples", () => {
  const a = splitExamples(make(100), "shop-a").heldBack.map((e) => e.id);
  const b = splitExamples(make(100), "shop-b").heldBack.map((e) => e.id);
  expect(a).not.toEqual(b);
});

test("unitHash is in [0, 1)", () => {
  for (const text of ["", "a", "中文", "x".repeat(1000)]) {
    const h = unitHash(text);
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(1);
  }
});
