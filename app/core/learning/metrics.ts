// Figures for the settings and insights pages, from labelled predictions
// (issue 6, items 4 and 6). Pure: the models layer gathers the rows.
import { addDays, dayStart, daysInclusive, DEFAULT_TIME_ZONE } from "../time/shop-day.ts";

export type ScoredPrediction = { predicted: string; confidence: number; gold: string };

export type PrecisionAt = {
  /** Predictions of this intent with confidence ≥ threshold. */
  covered: number;
  /** Share of those whose gold label is the intent; null when none are covered. */
  precision: number | null;
};

/** Precision of one intent's predictions at a confidence threshold, and how many it covers. */
export function precisionAt(predictions: readonly ScoredPrediction[], intent: string, threshold: number): PrecisionAt {
  let covered = 0;
  let correct = 0;
  for (const p of predictions) {
    if (p.predicted !== intent || p.confidence < threshold) continue;
    covered++;
    if (p.gold === intent) correct++;
  }
  return { covered, precision: covered > 0 ? correct / covered : null };
}

/**
 * precisionAt() over one intent's predictions given as [confidence, 1 if right
 * else 0] pairs sorted by confidence, highest first (what the settings page
 * receives, so it can recompute as the merchant types).
 */
export function precisionFromSorted(pairs: readonly (readonly [number, number])[], threshold: number): PrecisionAt {
  let covered = 0;
  let right = 0;
  for (const [confidence, ok] of pairs) {
    if (confidence < threshold) break;
    covered++;
    right += ok;
  }
  return { covered, precision: covered > 0 ? right / covered : null };
}

/** The median of a list of numbers; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export type Confusion = {
  labels: string[];
  /** counts[predicted][actual] */
  counts: Record<string, Record<string, number>>;
  total: number;
  correct: number;
  accuracy: number | null;
};

/** A confusion matrix of predicted vs actual labels from (predicted, actual, count) rows. */
export function confusionMatrix(rows: readonly { predicted: string; actual: string; count: number }[]): Confusion {
  const counts: Record<string, Record<string, number>> = {};
  const labels = new Set<string>();
  let total = 0;
  let correct = 0;
  for (const { predicted, actual, count } of rows) {
    if (count <= 0) continue;
    labels.add(predicted);
    labels.add(actual);
    const row = (counts[predicted] ??= {});
    row[actual] = (row[actual] ?? 0) + count;
    total += count;
    if (predicted === actual) correct += count;
  }
  return { labels: [...labels].sort(), counts, total, correct, accuracy: total > 0 ? correct / total : null };
}

export type Bucket = { start: Date; end: Date; label: string };

/**
 * Buckets of the shop's days `fromDay`..`toDay` (both included): single days up
 * to 31 days, weeks up to 26 weeks, else 30-day periods, counted back from the
 * last day; at most `max`. Each starts and ends at the zone's midnights (a day
 * is 23 or 25 hours long when the clocks change) and is labelled by its first day.
 */
export function dayBuckets(fromDay: string, toDay: string, timeZone: string = DEFAULT_TIME_ZONE, max = 31): Bucket[] {
  const days = Math.max(1, daysInclusive(fromDay, toDay));
  const size = days <= 31 ? 1 : days <= 26 * 7 ? 7 : 30;
  const buckets: Bucket[] = [];
  for (let last = days - 1; buckets.length < max && last >= 0; last -= size) {
    const first = Math.max(0, last - size + 1);
    const label = addDays(fromDay, first);
    buckets.unshift({ start: dayStart(label, timeZone), end: dayStart(addDays(fromDay, last + 1), timeZone), label });
  }
  return buckets;
}
