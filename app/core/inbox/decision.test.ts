import { expect, test } from "vitest";
import type { AutoSendInput } from "./decision.ts";
import { decideAutoSend, isConfidentSpam, thresholdFor } from "./decision.ts";

const allowed: AutoSendInput = {
  mode: "auto_send",
  intent: "order_status",
  confidence: 0.97,
  autoSendIntents: ["order_status", "shipping_info"],
  sensitiveIntents: ["complaint", "negative_review_threat", "return_request"],
  thresholds: { order_status: 0.9 },
  channel: "email",
  delivery: { ok: true },
  hasSuggestion: true,
  missingVariables: [],
  violations: [],
  languageSupported: true,
  orderMatch: "number_and_email",
  alreadyAnswered: false,
};

test("auto-send when every condition holds", () => {
  const decision = decideAutoSend(allowed);
  expect(decision.autoSend).toBe(true);
  expect(decision.checks.every((c) => c.ok)).toBe(true);
});

test.each<[string, Partial<AutoSendInput>, string]>([
  ["mode off", { mode: "suggest" }, "mode"],
  ["no suggestion", { hasSuggestion: false }, "suggestion"],
  ["sensitive intent even when allowed and certain", { intent: "complaint", confidence: 1, autoSendIntents: ["complaint"] }, "sensitive"],
  ["intent not allowed", { intent: "product_info" }, "intent"],
  ["under the intent's threshold", { confidence: 0.89 }, "confidence"],
  ["under the default threshold", { thresholds: {}, confidence: 0.85 }, "confidence"],
  ["unsupported language", { languageSupported: false }, "language"],
  ["missing variables", { missingVariables: ["first_name"] }, "variables"],
  ["order matched by number only", { orderMatch: "number" }, "order"],
  ["order matched with an email typed in the message", { orderMatch: "unverified_email" }, "order"],
  ["external link on a marketplace", { violations: [{ rule: "external_link", detail: "https://x" }] }, "compliance"],
  ["banned word", { violations: [{ rule: "banned_word", detail: "refund" }] }, "compliance"],
  ["cannot deliver", { delivery: { ok: false, reason: "email sending is not configured" } }, "delivery"],
  ["already answered", { alreadyAnswered: true }, "answered"],
])("no auto-send: %s", (_name, change, failing) => {
  const decision = decideAutoSend({ ...allowed, ...change });
  expect(decision.autoSend).toBe(false);
  expect(decision.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual([failing]);
  expect(decision.reason).toBe(decision.checks.find((c) => c.name === failing)?.detail);
});

test("a complaint is never auto-sent, whatever the settings say", () => {
  for (const confidence of [0.5, 0.95, 1]) {
    const decision = decideAutoSend({ ...allowed, intent: "complaint", confidence, autoSendIntents: ["complaint"], thresholds: { complaint: 0 } });
    expect(decision.autoSend).toBe(false);
  }
});

test("thresholds and spam", () => {
  expect(thresholdFor("order_status", { order_status: 0.8 })).toBe(0.8);
  expect(thresholdFor("order_status", {})).toBe(0.9);
  expect(isConfidentSpam("spam", 0.95, {})).toBe(true);
  expect(isConfidentSpam("spam", 0.6, {})).toBe(false);
  expect(isConfidentSpam("spam", 0.6, { spam: 0.5 })).toBe(true);
  expect(isConfidentSpam("order_status", 1, {})).toBe(false);
});
