// Where a message goes in the inbox queue (SPEC §4: "sensitive → high;
// waiting time").
//
// score = intent weight                      (table below, 0..0.35)
//       + 0.15 if the intent is sensitive
//       + 0.5 × urgency score                (0..0.5, from scoreUrgency)
//       + waiting weight                     (0..0.25, logarithmic in time)
// then floors: a sensitive message is at least "high"; an "urgent"-sounding
// one at least "high", a "high"-sounding one at least "normal"; spam that the
// shop has not marked sensitive is capped at 0.1 ("low") whatever it shouts.
// The score is raised to the threshold of the floored level, so sorting by
// score never contradicts the level. Ties are the caller's to break (oldest
// first).

import type { Urgency } from "./urgency.ts";

export type PriorityLevel = "low" | "normal" | "high" | "urgent";

export type PriorityInput = {
  /** An intent label of the taxonomy (SPEC §3), "unknown", or a shop's own label. */
  intent: string;
  /** Whether the shop treats this intent as sensitive (never auto-answered). */
  sensitive: boolean;
  urgency?: Pick<Urgency, "score" | "level">;
  /** Minutes since the message arrived without an answer. */
  waitingMinutes?: number;
};

export type Priority = {
  level: PriorityLevel;
  /** 0..1, higher first; consistent with `level`. */
  score: number;
  reasons: string[];
};

export const PRIORITY_THRESHOLDS: Readonly<
  Record<Exclude<PriorityLevel, "low">, number>
> = {
  normal: 0.2,
  high: 0.5,
  urgent: 0.75,
};

// What waiting costs by intent: money already taken or an order about to ship
// (cancel, change) weighs more than a question before buying; an unknown
// message needs a human to read it at all.
export const INTENT_WEIGHTS: Readonly<Record<string, number>> = {
  negative_review_threat: 0.35,
  complaint: 0.3,
  payment_issue: 0.3,
  cancel_order: 0.3,
  change_order: 0.3,
  refund_status: 0.25,
  return_request: 0.2,
  order_status: 0.2,
  unknown: 0.2,
  shipping_info: 0.15,
  return_policy: 0.15,
  product_info: 0.15,
  stock_availability: 0.15,
  discount_pricing: 0.15,
  account_help: 0.15,
  wholesale_partnership: 0.1,
  greeting_thanks: 0.05,
  spam: 0,
};
const DEFAULT_INTENT_WEIGHT = 0.2;
const SENSITIVE_BONUS = 0.15;
const URGENCY_WEIGHT = 0.5;
const WAITING_MAX = 0.25;
// Waiting adds ln(1 + hours) / ln(1 + 48) of its maximum: 18% after an hour,
// 41% after four, 83% after a day, all of it from two days on. Early hours
// count most, so a fresh backlog sorts by what the messages say.
const WAITING_FULL_HOURS = 48;
const SPAM_CAP = 0.1;

const RANK: Record<PriorityLevel, number> = {
  low: 0,
  normal: 1,
  high: 2,
  urgent: 3,
};

export function priorityFor({
  intent,
  sensitive,
  urgency,
  waitingMinutes = 0,
}: PriorityInput): Priority {
  const reasons: string[] = [];
  let score = INTENT_WEIGHTS[intent] ?? DEFAULT_INTENT_WEIGHT;
  reasons.push(`intent:${intent}`);

  if (sensitive) {
    score += SENSITIVE_BONUS;
    reasons.push("sensitive");
  }

  const urgencyScore = clamp(urgency?.score ?? 0);
  if (urgencyScore > 0) {
    score += URGENCY_WEIGHT * urgencyScore;
    reasons.push(`urgency:${urgency?.level ?? "normal"}`);
  }

  const hours = Number.isFinite(waitingMinutes)
    ? Math.max(0, waitingMinutes) / 60
    : 0;
  if (hours > 0) {
    score +=
      WAITING_MAX *
      Math.min(1, Math.log1p(hours) / Math.log1p(WAITING_FULL_HOURS));
    reasons.push(`waiting:${formatWaiting(hours)}`);
  }

  if (intent === "spam" && !sensitive) {
    score = Math.min(score, SPAM_CAP);
  } else {
    let floor: PriorityLevel = "low";
    if (sensitive) floor = "high";
    if (urgency?.level === "urgent" && RANK[floor] < RANK.high) floor = "high";
    if (urgency?.level === "high" && RANK[floor] < RANK.normal)
      floor = "normal";
    if (floor !== "low") score = Math.max(score, PRIORITY_THRESHOLDS[floor]);
  }

  score = Math.round(clamp(score) * 10000) / 10000;
  return { level: priorityLevelFor(score), score, reasons };
}

export function priorityLevelFor(score: number): PriorityLevel {
  if (score >= PRIORITY_THRESHOLDS.urgent) return "urgent";
  if (score >= PRIORITY_THRESHOLDS.high) return "high";
  if (score >= PRIORITY_THRESHOLDS.normal) return "normal";
  return "low";
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function formatWaiting(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)}m`;
  if (hours < 48) return `${Math.round(hours)}h`;
  return `${Math.round(hours / 24)}d`;
}
