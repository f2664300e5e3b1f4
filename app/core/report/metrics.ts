// The conversion report's arithmetic (issue 8): rates with an honest "no
// value" when the denominator is zero, cost spread over a date range, and the
// day series of the chart.

import { addDays, daysInclusive } from "../time/shop-day.ts";

export type Counts = {
  impressions: number;
  plays: number;
  clicks: number;
  addToCarts: number;
  orders: number;
  assisted: number;
  revenueMinor: number;
};

export type Metrics = Counts & {
  costMinor: number;
  /** clicks / impressions */
  ctr: number | null;
  /** orders / clicks */
  cvr: number | null;
  /** revenue / orders, minor units */
  aovMinor: number | null;
  /** revenue / cost */
  roas: number | null;
};

export const ZERO_COUNTS: Counts = { impressions: 0, plays: 0, clicks: 0, addToCarts: 0, orders: 0, assisted: 0, revenueMinor: 0 };

/** n / d, or null when d is zero (the rate is undefined, not 0). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function deriveMetrics(counts: Counts, costMinor = 0): Metrics {
  const aov = ratio(counts.revenueMinor, counts.orders);
  return {
    ...counts,
    costMinor,
    ctr: ratio(counts.clicks, counts.impressions),
    cvr: ratio(counts.orders, counts.clicks),
    aovMinor: aov === null ? null : Math.round(aov),
    roas: ratio(counts.revenueMinor, costMinor),
  };
}

export function addCounts(a: Counts, b: Partial<Counts>): Counts {
  return {
    impressions: a.impressions + (b.impressions ?? 0),
    plays: a.plays + (b.plays ?? 0),
    clicks: a.clicks + (b.clicks ?? 0),
    addToCarts: a.addToCarts + (b.addToCarts ?? 0),
    orders: a.orders + (b.orders ?? 0),
    assisted: a.assisted + (b.assisted ?? 0),
    revenueMinor: a.revenueMinor + (b.revenueMinor ?? 0),
  };
}

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

export function formatRoas(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(2)}×`;
}

export function formatCount(value: number, locale = "en-US"): string {
  return new Intl.NumberFormat(locale).format(value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}


export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The share of a cost that falls in the report's range, by days: a cost
 * entered for 2026-11-01..2026-11-30 contributes 10/30 of itself to a report
 * over 2026-11-21..2026-12-05. Rounded to minor units.
 */
export function prorateCost(cost: { startsOn: string; endsOn: string; costMinor: number }, range: { from: string; to: string }): number {
  const start = cost.startsOn > range.from ? cost.startsOn : range.from;
  const end = cost.endsOn < range.to ? cost.endsOn : range.to;
  if (end < start) return 0;
  const total = daysInclusive(cost.startsOn, cost.endsOn);
  if (total <= 0) return 0;
  return Math.round((cost.costMinor * daysInclusive(start, end)) / total);
}

export type RangeInput = { from?: string | null; to?: string | null };
export const MAX_RANGE_DAYS = 366;

/**
 * The report's date range: both ends inclusive UTC days. Defaults to the 30
 * days ending today; swaps reversed ends; clamps to MAX_RANGE_DAYS.
 */
export function resolveRange(input: RangeInput, today: string): { from: string; to: string } {
  let to = input.to && isDay(input.to) ? input.to : today;
  let from = input.from && isDay(input.from) ? input.from : addDays(to, -29);
  if (from > to) [from, to] = [to, from];
  if (daysInclusive(from, to) > MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  return { from, to };
}
