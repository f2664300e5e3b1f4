// What an attributed order adds to EventRollup's orders, assisted and revenue
// columns, and the difference between two versions of it: a recomputed order
// (redelivery, orders/paid, a refund) applies only the difference, so counts
// never double.
// The EventRollup row key is the one the storefront events' counts use.
import type { RollupKey } from "../content/events.ts";
import type { AttributionModel } from "./attribute.ts";
export type RollupDelta = RollupKey & { orders: number; assisted: number; revenueMinor: number };

export type StoredCredit = {
  model: string;
  kind: string;
  feedId: string;
  itemId: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
  revenueMinor: number;
};

/** The order counted once, in the row of the credit of the applied model, on the order's day. */
export function contribution({ day, model, credits }: { day: string; model: AttributionModel | string; credits: StoredCredit[] }): RollupDelta[] {
  const credit = credits.find((c) => c.model === model);
  if (!credit || !day) return [];
  return [
    {
      day,
      feedId: credit.feedId,
      itemId: credit.itemId,
      utmSource: credit.utmSource,
      utmMedium: credit.utmMedium,
      utmCampaign: credit.utmCampaign,
      utmContent: credit.utmContent,
      orders: 1,
      assisted: credit.kind === "assisted" ? 1 : 0,
      revenueMinor: credit.revenueMinor,
    },
  ];
}

export function rollupKeyString(k: RollupKey) {
  return [k.day, k.feedId, k.itemId, k.utmSource, k.utmMedium, k.utmCampaign, k.utmContent].join("\u0000");
}

/** next − previous, per rollup row; rows whose change is zero are left out. */
export function diffContributions(previous: RollupDelta[], next: RollupDelta[]): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const add = (delta: RollupDelta, sign: 1 | -1) => {
    const key = rollupKeyString(delta);
    const row = rows.get(key) ?? { ...delta, orders: 0, assisted: 0, revenueMinor: 0 };
    row.orders += sign * delta.orders;
    row.assisted += sign * delta.assisted;
    row.revenueMinor += sign * delta.revenueMinor;
    rows.set(key, row);
  };
  for (const d of previous) add(d, -1);
  for (const d of next) add(d, 1);
  return [...rows.values()].filter((r) => r.orders !== 0 || r.assisted !== 0 || r.revenueMinor !== 0);
}
