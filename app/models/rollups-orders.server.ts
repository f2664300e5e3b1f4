// The orders side of EventRollup (orders, assisted, revenueMinor) and the
// retention of raw ContentEvent rows (issue 8). The storefront events endpoint
// owns the impression/play/click/add-to-cart columns of the same rows.
import type { Prisma } from "@prisma/client";
import prisma from "../db.server.ts";
import type { RollupDelta } from "../core/attribution/rollup-delta.ts";

type Tx = Prisma.TransactionClient;

/** Adds each delta to its rollup row (created when missing), inside the caller's transaction. */
export async function applyOrderRollupDeltas(tx: Tx, { shop, deltas }: { shop: string; deltas: RollupDelta[] }) {
  for (const d of deltas) {
    const key = {
      shop,
      day: d.day,
      feedId: d.feedId,
      itemId: d.itemId,
      utmSource: d.utmSource,
      utmMedium: d.utmMedium,
      utmCampaign: d.utmCampaign,
      utmContent: d.utmContent,
    };
    await tx.eventRollup.upsert({
      where: { shop_day_feedId_itemId_utmSource_utmMedium_utmCampaign_utmContent: key },
      create: { ...key, orders: d.orders, assisted: d.assisted, revenueMinor: d.revenueMinor },
      update: {
        orders: { increment: d.orders },
        assisted: { increment: d.assisted },
        revenueMinor: { increment: d.revenueMinor },
      },
    });
  }
}

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Deletes the shop's raw storefront events older than its
 * ShopSettings.eventRetentionDays (default 90). The rollups keep the counts,
 * so the report is unchanged; only click-level joins to later orders lose
 * history beyond the retention (keep it longer than the attribution window).
 * Refunds still waiting for their order are dropped after the same time.
 */
export async function pruneEvents({ shop, now = new Date() }: { shop: string; now?: Date }): Promise<number> {
  const settings = await prisma.shopSettings.findUnique({ where: { shop }, select: { eventRetentionDays: true } });
  const days = Math.max(1, settings?.eventRetentionDays ?? DEFAULT_RETENTION_DAYS);
  const before = new Date(now.getTime() - days * DAY_MS);
  const { count } = await prisma.contentEvent.deleteMany({ where: { shop, occurredAt: { lt: before } } });
  // Refunds whose order never came (an order from before the install) go with the events of their time.
  await prisma.pendingRefund.deleteMany({ where: { shop, receivedAt: { lt: before } } });
  return count;
}

const lastPruned = new Map<string, number>();

/**
 * Prunes at most once a day per shop and process; called from the orders
 * webhooks, which every selling shop receives daily, so no scheduler is needed.
 */
export async function pruneEventsIfDue({ shop, now = new Date() }: { shop: string; now?: Date }): Promise<number | null> {
  const last = lastPruned.get(shop);
  if (last !== undefined && now.getTime() - last < DAY_MS) return null;
  lastPruned.set(shop, now.getTime());
  return pruneEvents({ shop, now });
}
