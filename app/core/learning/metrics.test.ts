import { expect, test } from "vitest";
import { confusionMatrix, dayBuckets, median, precisionAt, precisionFromSorted } from "./metrics.ts";

const predictions = [
  { predicted: "order_status", confidence: 0.9, gold: "order_status" },
  { predicted: "order_status", confidence: 0.8, gold: "order_status" },
  { predicted: "order_status", confidence: 0.6, gold: "shipping_info" },
  { predicted: "order_status", confidence: 0.4, gold: "refund_status" },
  { predicted: "shipping_info", confidence: 0.95, gold: "order_status" },
];

test.each([
  ["order_status", 0, 4, 0.5],
  ["order_status", 0.5, 3, 2 / 3],
  ["order_status", 0.7, 2, 1],
  ["order_status", 0.95, 0, null],
  ["shipping_info", 0.5, 1, 0],
])("precision of %s at %f covers %i with %f", (intent, threshold, covered, precision) => {
  expect(precisionAt(predictions, intent, threshold)).toEqual({ covered, precision });
});

test.each([0, 0.4, 0.5, 0.7, 0.9, 0.95, 1])("the sorted pairs the settings page gets give precisionAt's answer at %f", (threshold) => {
  const intent = "order_status";
  const pairs = predictions
    .filter((p) => p.predicted === intent)
    .map((p) => [p.confidence, p.gold === intent ? 1 : 0] as const)
    .sort((a, b) => b[0] - a[0]);
  expect(precisionFromSorted(pairs, threshold)).toEqual(precisionAt(predictions, intent, threshold));
});

test.each([
  [[], null],
  [[3], 3],
  [[5, 1, 3], 3],
  [[4, 1, 3, 2], 2.5],
])("median of %o is %o", (values, expected) => {
  expect(median(values)).toBe(expected);
});

test("the confusion matrix counts predicted vs actual and the accuracy", () => {
  const matrix = confusionMatrix([
    { predicted: "a", actual: "a", count: 3 },
    { predicted: "a", actual: "b", count: 1 },
    { predicted: "c", actual: "b", count: 2 },
    { predicted: "a", actual: "a", count: 1 },
    { predicted: "x", actual: "y", count: 0 },
  ]);
  expect(matrix.labels).toEqual(["a", "b", "c"]);
  expect(matrix.counts.a).toEqual({ a: 4, b: 1 });
  expect(matrix.total).toBe(7);
  expect(matrix.accuracy).toBeCloseTo(4 / 7);
  expect(confusionMatrix([]).accuracy).toBeNull();
});

test.each([
  [7, 7, 1],
  [60, 9, 7],
  [365, 13, 30],
])("%i days give %i buckets of %i days that tile the range", (days, count, size) => {
  const from = new Date(Date.UTC(2026, 10, 30 - days + 1)).toISOString().slice(0, 10);
  const buckets = dayBuckets(from, "2026-11-30");
  expect(buckets.length).toBe(count);
  expect(buckets[0].start).toEqual(new Date(`${from}T00:00:00Z`));
  expect(buckets[0].label).toBe(from);
  expect(buckets.at(-1)?.end).toEqual(new Date("2026-12-01T00:00:00Z"));
  for (let i = 1; i < buckets.length; i++) expect(buckets[i].start.getTime()).toBe(buckets[i - 1].end.getTime());
  expect(buckets.at(-1)!.end.getTime() - buckets.at(-1)!.start.getTime()).toBe(size * 86_400_000);
});

test("day buckets in a shop's zone start at its midnights, 23 hours on the day the clocks go forward", () => {
  const buckets = dayBuckets("2026-03-28", "2026-03-30", "Europe/Paris");
  expect(buckets.map((b) => [b.label, b.start.toISOString(), (b.end.getTime() - b.start.getTime()) / 3_600_000])).toEqual([
    ["2026-03-28", "2026-03-27T23:00:00.000Z", 24],
    ["2026-03-29", "2026-03-28T23:00:00.000Z", 23],
    ["2026-03-30", "2026-03-29T22:00:00.000Z", 24],
  ]);
});
