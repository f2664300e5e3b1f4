import { expect, test } from "vitest";
import { priorityFor } from "./priority.ts";
import type { PriorityInput } from "./priority.ts";

const high = { score: 0.39, level: "high" } as const;
const urgent = { score: 0.8, level: "urgent" } as const;

// Expected scores worked out by hand from the formula in priority.ts:
// intent weight + 0.15 sensitive + 0.5 × urgency + 0.25 × min(1, ln(1 + h) / ln 49).
test.each<[string, PriorityInput, string, number]>([
  [
    "a fresh order question",
    { intent: "order_status", sensitive: false },
    "normal",
    0.2,
  ],
  ["a thank-you", { intent: "greeting_thanks", sensitive: false }, "low", 0.05],
  [
    "a pre-sale question",
    { intent: "product_info", sensitive: false },
    "low",
    0.15,
  ],
  [
    "a complaint (sensitive) → high at least",
    { intent: "complaint", sensitive: true },
    "high",
    0.5,
  ],
  [
    "a return request (sensitive) → high at least",
    { intent: "return_request", sensitive: true },
    "high",
    0.5,
  ],
  [
    "a bad-review threat that sounds urgent",
    { intent: "negative_review_threat", sensitive: true, urgency: urgent },
    "urgent",
    0.9,
  ],
  [
    "an order question that sounds urgent",
    { intent: "order_status", sensitive: false, urgency: urgent },
    "high",
    0.6,
  ],
  [
    "an order question that sounds pressing",
    { intent: "order_status", sensitive: false, urgency: high },
    "normal",
    0.395,
  ],
  [
    "a pressing thank-you is still at least normal",
    { intent: "greeting_thanks", sensitive: false, urgency: high },
    "normal",
    0.245,
  ],
  [
    "spam shouting urgency stays low",
    { intent: "spam", sensitive: false, urgency: urgent, waitingMinutes: 600 },
    "low",
    0.1,
  ],
  [
    "spam the shop marked sensitive is high",
    { intent: "spam", sensitive: true },
    "high",
    0.5,
  ],
  [
    "unknown needs a human",
    { intent: "unknown", sensitive: false },
    "normal",
    0.2,
  ],
  [
    "a shop's own label gets the default weight",
    { intent: "gift_message", sensitive: false },
    "normal",
    0.2,
  ],
  [
    "waiting an hour",
    { intent: "order_status", sensitive: false, waitingMinutes: 60 },
    "normal",
    0.2445,
  ],
  [
    "waiting a day",
    { intent: "order_status", sensitive: false, waitingMinutes: 1440 },
    "normal",
    0.4068,
  ],
  [
    "waiting two days",
    { intent: "order_status", sensitive: false, waitingMinutes: 2880 },
    "normal",
    0.45,
  ],
  [
    "waiting a week counts as two days",
    { intent: "order_status", sensitive: false, waitingMinutes: 10080 },
    "normal",
    0.45,
  ],
  [
    "a cancellation that is urgent and two days old",
    {
      intent: "cancel_order",
      sensitive: false,
      urgency: { score: 0.9, level: "urgent" },
      waitingMinutes: 2880,
    },
    "urgent",
    1,
  ],
  [
    "a complaint waiting a day",
    { intent: "complaint", sensitive: true, waitingMinutes: 1440 },
    "high",
    0.6568,
  ],
  [
    "a negative wait is no wait",
    { intent: "order_status", sensitive: false, waitingMinutes: -30 },
    "normal",
    0.2,
  ],
  [
    "a NaN wait is no wait",
    { intent: "order_status", sensitive: false, waitingMinutes: Number.NaN },
    "normal",
    0.2,
  ],
])("%s", (_name, input, level, score) => {
  expect(priorityFor(input)).toMatchObject({ level, score });
});

test("reasons say what raised the priority", () => {
  expect(
    priorityFor({
      intent: "complaint",
      sensitive: true,
      urgency: urgent,
      waitingMinutes: 90,
    }).reasons
  ).toEqual(["intent:complaint", "sensitive", "urgency:urgent", "waiting:2h"]);
  expect(
    priorityFor({
      intent: "order_status",
      sensitive: false,
      waitingMinutes: 20,
    }).reasons
  ).toEqual(["intent:order_status", "waiting:20m"]);
  expect(
    priorityFor({
      intent: "order_status",
      sensitive: false,
      waitingMinutes: 3 * 24 * 60,
    }).reasons
  ).toContain("waiting:3d");
});

test("waiting raises the score slowly and never lowers it", () => {
  const scores = [0, 15, 60, 240, 1440, 2880, 5000].map(
    (waitingMinutes) =>
      priorityFor({ intent: "product_info", sensitive: false, waitingMinutes })
        .score
  );
  for (let i = 1; i < scores.length; i += 1)
    expect(scores[i]).toBeGreaterThanOrEqual(scores[i - 1]);
  // A whole day of waiting does not make a product question outrank a fresh complaint.
  expect(
    priorityFor({
      intent: "product_info",
      sensitive: false,
      waitingMinutes: 1440,
    }).score
  ).toBeLessThan(priorityFor({ intent: "complaint", sensitive: true }).score);
});

test("sorting by score puts levels in order", () => {
  const inputs: PriorityInput[] = [
    { intent: "greeting_thanks", sensitive: false },
    { intent: "complaint", sensitive: true },
    {
      intent: "order_status",
      sensitive: false,
      urgency: high,
      waitingMinutes: 600,
    },
    { intent: "negative_review_threat", sensitive: true, urgency: urgent },
    { intent: "spam", sensitive: false, urgency: urgent },
    { intent: "product_info", sensitive: false, waitingMinutes: 3000 },
  ];
  const rank = { low: 0, normal: 1, high: 2, urgent: 3 };
  const sorted = inputs
    .map((input) => priorityFor(input))
    .sort((a, b) => b.score - a.score);
  expect(sorted.map((p) => p.level)).toEqual([
    "urgent",
    "high",
    "high",
    "normal",
    "low",
    "low",
  ]);
  for (let i = 1; i < sorted.length; i += 1)
    expect(rank[sorted[i].level]).toBeLessThanOrEqual(
      rank[sorted[i - 1].level]
    );
});
