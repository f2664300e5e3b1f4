// Suggest or send (SPEC §4): a reply goes out on its own only when every
// condition holds; otherwise it waits as a suggestion, and the first failed
// condition is the reason the merchant sees.
import type { Violation } from "./compliance.ts";
import { describeViolations } from "./compliance.ts";
import type { OrderMatch } from "./order-context.ts";

export const DEFAULT_AUTO_SEND_THRESHOLD = 0.9;

export type AutoSendInput = {
  mode: "suggest" | "auto_send";
  intent: string;
  confidence: number;
  autoSendIntents: readonly string[];
  sensitiveIntents: readonly string[];
  thresholds: Readonly<Record<string, number>>;
  channel: string;
  /** Whether this channel can deliver a reply now (email with SMTP configured and a recipient, or the api channel's export). */
  delivery: { ok: true } | { ok: false; reason: string };
  hasSuggestion: boolean;
  /** Variables the template needed and the message could not fill. */
  missingVariables: readonly string[];
  violations: readonly Violation[];
  /** The message's language is one the shop answers in (not a fallback). */
  languageSupported: boolean;
  /** How the order in the reply was found, when the reply speaks about one. */
  orderMatch?: OrderMatch | null;
  alreadyAnswered: boolean;
};

export type Check = { name: string; ok: boolean; detail: string };
export type AutoSendDecision = { autoSend: boolean; reason: string; checks: Check[] };

export function thresholdFor(intent: string, thresholds: Readonly<Record<string, number>>): number {
  const value = thresholds[intent];
  return typeof value === "number" && Number.isFinite(value) ? value : DEFAULT_AUTO_SEND_THRESHOLD;
}

export function decideAutoSend(input: AutoSendInput): AutoSendDecision {
  const threshold = thresholdFor(input.intent, input.thresholds);
  const checks: Check[] = [
    { name: "mode", ok: input.mode === "auto_send", detail: "auto-send is off for this shop" },
    { name: "suggestion", ok: input.hasSuggestion, detail: "there is no suggested reply" },
    {
      name: "sensitive",
      ok: !input.sensitiveIntents.includes(input.intent),
      detail: `${input.intent} is a sensitive intent: a person answers it`,
    },
    { name: "intent", ok: input.autoSendIntents.includes(input.intent), detail: `${input.intent} is not an auto-send intent` },
    {
      name: "confidence",
      ok: input.confidence >= threshold,
      detail: `confidence ${input.confidence.toFixed(2)} is under the ${threshold.toFixed(2)} threshold for ${input.intent}`,
    },
    { name: "language", ok: input.languageSupported, detail: "the message's language is not one the shop answers in" },
    {
      name: "variables",
      ok: input.missingVariables.length === 0,
      detail: `the template needs ${input.missingVariables.map((v) => `{{${v}}}`).join(", ")}`,
    },
    {
      name: "order",
      ok: input.orderMatch !== "number" && input.orderMatch !== "unverified_email",
      detail: "the order was not matched with the sender's own email",
    },
    { name: "compliance", ok: input.violations.length === 0, detail: `channel rules: ${describeViolations(input.violations)}` },
    { name: "delivery", ok: input.delivery.ok, detail: input.delivery.ok ? "" : input.delivery.reason },
    { name: "answered", ok: !input.alreadyAnswered, detail: "the message already has a reply" },
  ];
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) {
    return {
      autoSend: true,
      reason: `auto-send: ${input.intent} at ${input.confidence.toFixed(2)} ≥ ${threshold.toFixed(2)}, every condition holds`,
      checks,
    };
  }
  return { autoSend: false, reason: failed.map((c) => c.detail).join("; "), checks };
}

/** Spam the classifier is sure of goes to the spam folder rather than the inbox. */
export const SPAM_CONFIDENCE = 0.9;
export function isConfidentSpam(intent: string, confidence: number, thresholds: Readonly<Record<string, number>>): boolean {
  return intent === "spam" && confidence >= (thresholds.spam ?? SPAM_CONFIDENCE);
}
