// Attribution of orders to content touches and reply links (issue 8). The
// orders webhooks call recordOrderAttribution; refunds/create calls
// recordRefund. Both recompute the order's credits and add only the change to
// EventRollup, so a redelivery (same or new event id), orders/paid after
// orders/create, or a refund never counts an order twice.
import { Prisma } from "@prisma/client";
import type { AttributedOrder, OrderCredit } from "@prisma/client";
import { z } from "zod";
import prisma, { isPostgres } from "../db.server.ts";
import { attributeOrder, DAY_MS, DEFAULT_WINDOW_DAYS, MODELS } from "../core/attribution/attribute.ts";
import type { AttributionModel, Credit } from "../core/attribution/attribute.ts";
import { touchesFromOrder, touchesFromPixel, touchFromClick, visitorFromAttribute, TOUCH_ATTRIBUTE } from "../core/attribution/touches.ts";
import type { Touch } from "../core/attribution/touches.ts";
import { orderFacts, OrderPayloadSchema, productKey, RefundPayloadSchema, refundsById, sumRefunds } from "../core/attribution/order-payload.ts";
import type { RefundPayload } from "../core/attribution/order-payload.ts";
import { contribution, diffContributions } from "../core/attribution/rollup-delta.ts";
import { shopDay } from "../core/time/shop-day.ts";
import { shopTimeZone } from "./shop-time-zone.server.ts";
import { applyOrderRollupDeltas } from "./rollups-orders.server.ts";
import { forgetShopSettings } from "./settings.server.ts";

export type AttributionSettings = { windowDays: number; model: AttributionModel; currency: string; retentionDays: number };

/**
 * The shop's attribution settings. The currency is the one its orders arrive
 * in (Shopify's `total_price` is in the shop's currency), falling back to
 * ShopSettings.currency before the first order.
 */
export async function getAttributionSettings({ shop }: { shop: string }): Promise<AttributionSettings> {
  const [row, latest] = await Promise.all([
    prisma.shopSettings.findUnique({
      where: { shop },
      select: { attributionWindowDays: true, attributionModel: true, currency: true, eventRetentionDays: true },
    }),
    prisma.attributedOrder.findFirst({ where: { shop }, orderBy: { processedAt: "desc" }, select: { currency: true } }),
  ]);
  const model = MODELS.find((m) => m === row?.attributionModel) ?? "last_touch";
  return {
    windowDays: row?.attributionWindowDays ?? DEFAULT_WINDOW_DAYS,
    model,
    currency: latest?.currency ?? row?.currency ?? "USD",
    retentionDays: row?.eventRetentionDays ?? 90,
  };
}

const SettingsInput = z.object({
  windowDays: z.coerce.number().int().min(1, "at least 1 day").max(90, "at most 90 days"),
  model: z.enum(MODELS),
});

/** Changes apply to orders attributed from now on; past orders keep their credits. */
export async function updateAttributionSettings({ shop, input }: { shop: string; input: unknown }) {
  const { windowDays, model } = SettingsInput.parse(input);
  await prisma.shopSettings.upsert({
    where: { shop },
    create: { shop, attributionWindowDays: windowDays, attributionModel: model },
    update: { attributionWindowDays: windowDays, attributionModel: model },
  });
  forgetShopSettings(shop);
}

function parseRefunds(raw: string): Record<string, number> {
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number"));
    }
  } catch {
    // a damaged value counts as no refund rather than failing the webhook
  }
  return {};
}

function orderIdVariants(orderId: string) {
  return [orderId, `gid://shopify/Order/${orderId}`, `gid://shopify/OrderIdentity/${orderId}`];
}

async function loadTouches({ shop, orderId, noteAttributes, fromMs, toMs }: { shop: string; orderId: string; noteAttributes: Record<string, string>; fromMs: number; toMs: number }) {
  const touches: Touch[] = [];
  const pixel = await prisma.pixelCheckout.findFirst({ where: { shop, orderId: { in: orderIdVariants(orderId) } }, select: { touches: true } });
  touches.push(...touchesFromPixel(pixel?.touches));
  const visitorId = visitorFromAttribute(noteAttributes[TOUCH_ATTRIBUTE]);
  if (visitorId) {
    const clicks = await prisma.contentEvent.findMany({
      where: { shop, visitorId, type: "click", occurredAt: { gte: new Date(fromMs), lte: new Date(toMs) } },
      orderBy: { occurredAt: "asc" },
      take: 200,
    });
    for (const click of clicks) {
      const touch = touchFromClick({ ...click, occurredAt: click.occurredAt.getTime() });
      if (touch) touches.push(touch);
    }
  }
  return touches;
}

/**
 * An off-site share link names its item in utm_content (the item id by
 * default, or the item's own utm_content): find it, so the landing-site
 * credit lands on the item.
 */
async function resolveLandingItems({ shop, touches }: { shop: string; touches: Touch[] }): Promise<Touch[]> {
  const open = touches.filter((t) => t.signal === "landing_site" && !t.itemId && t.utm.content);
  if (open.length === 0) return touches;
  const contents = [...new Set(open.map((t) => t.utm.content))];
  const items = await prisma.contentItem.findMany({
    where: { shop, OR: [{ id: { in: contents } }, { utmContent: { in: contents } }] },
    select: { id: true, utmContent: true },
  });
  const byContent = new Map<string, string>();
  for (const item of items) {
    if (item.utmContent) byContent.set(item.utmContent, item.id);
    byContent.set(item.id, item.id);
  }
  return touches.map((t) => (open.includes(t) && byContent.has(t.utm.content) ? { ...t, itemId: byContent.get(t.utm.content) ?? "" } : t));
}

async function loadItemProducts({ shop, itemIds }: { shop: string; itemIds: string[] }) {
  if (itemIds.length === 0) return {};
  const rows = await prisma.contentProduct.findMany({ where: { shop, itemId: { in: itemIds } }, select: { itemId: true, productId: true } });
  const map: Record<string, string[]> = {};
  for (const row of rows) {
    const key = productKey(row.productId);
    if (key) (map[row.itemId] ??= []).push(key);
  }
  return map;
}

function creditRows(shop: string, orderRowId: string, credits: Credit[]) {
  return credits.map((c) => ({
    shop,
    orderRowId,
    model: c.model,
    kind: c.kind,
    signal: c.signal,
    feedId: c.feedId,
    itemId: c.itemId,
    replyMessageId: c.replyMessageId,
    utmSource: c.utm.source,
    utmMedium: c.utm.medium,
    utmCampaign: c.utm.campaign,
    utmContent: c.utm.content,
    revenueMinor: c.revenueMinor,
    touchAt: c.touchAt === null ? null : new Date(c.touchAt),
  }));
}

type Existing = AttributedOrder & { credits: OrderCredit[] };

async function lockExisting(tx: Prisma.TransactionClient, shop: string, orderId: string): Promise<Existing | null> {
  // On PostgreSQL, one transaction at a time per order, held until commit: an
  // order's webhooks (orders/create, orders/paid, refunds/create) arriving
  // together apply in turn, and each reads what the one before committed. A row
  // lock alone cannot do it while the order's row does not exist yet: a refund
  // and its order arriving in the same instant would each miss the other.
  // SQLite runs one write transaction at a time anyway.
  if (isPostgres()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`attribution|${shop}|${orderId}`}, 0))`;
  // A no-op write: on PostgreSQL it also row-locks the order until commit.
  await tx.attributedOrder.updateMany({ where: { shop, orderId }, data: { shop } });
  return tx.attributedOrder.findUnique({ where: { shop_orderId: { shop, orderId } }, include: { credits: true } });
}

function isUniqueViolation(error: unknown) {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") ||
    (error instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(error.message))
  );
}

/** Runs once more when a concurrent first delivery of the same order won the insert. */
async function withInsertRetry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return work();
  }
}

export type RecordResult = { orderRowId: string; credits: number; created: boolean };

/**
 * Attributes an orders/create or orders/paid payload. Throws a ZodError for a
 * payload missing what attribution needs (the webhook answers 400).
 */
export async function recordOrderAttribution({ shop, payload }: { shop: string; payload: unknown }): Promise<RecordResult> {
  const order = OrderPayloadSchema.parse(payload);
  const settings = await getAttributionSettings({ shop });
  const orderAt = order.created_at.getTime();
  const fromMs = orderAt - settings.windowDays * DAY_MS;
  const touches = [
    ...(await resolveLandingItems({ shop, touches: touchesFromOrder(orderFacts(order, 0)) })),
    ...(await loadTouches({ shop, orderId: order.id, noteAttributes: order.note_attributes, fromMs, toMs: orderAt })),
  ];
  const itemProducts = await loadItemProducts({ shop, itemIds: [...new Set(touches.map((t) => t.itemId).filter(Boolean))] });
  // The order's day in the shop's zone; a recompute keeps the day it was first counted on (rolledDay).
  const orderDay = shopDay(orderAt, await shopTimeZone(shop));

  return withInsertRetry(() =>
    prisma.$transaction(async (tx) => {
      const existing = await lockExisting(tx, shop, order.id);
      const pending = await takePendingRefunds(tx, shop, order.id);
      const refunds = {
        ...(existing ? parseRefunds(existing.refunds) : {}),
        ...refundsById(pending, order.currency),
        ...refundsById(order.refunds, order.currency),
      };
      const facts = orderFacts(order, sumRefunds(refunds));
      const result = attributeOrder({ order: facts, touches, itemProducts, windowDays: settings.windowDays });
      const day = existing?.rolledDay || orderDay;
      const data = {
        orderName: facts.name,
        currency: facts.currency,
        totalMinor: facts.totalMinor,
        refundedMinor: facts.refundedMinor,
        refunds: JSON.stringify(refunds),
        rolledModel: settings.model,
        rolledDay: day,
        customerEmail: order.email ?? null,
        landingSite: facts.landingSite,
        processedAt: new Date(orderAt),
      };
      const row = existing
        ? await tx.attributedOrder.update({ where: { id: existing.id }, data })
        : await tx.attributedOrder.create({ data: { shop, orderId: order.id, ...data } });
      const rows = creditRows(shop, row.id, result.credits);
      await tx.orderCredit.deleteMany({ where: { shop, orderRowId: row.id } });
      if (rows.length > 0) await tx.orderCredit.createMany({ data: rows });
      const previous = existing ? contribution({ day: existing.rolledDay, model: existing.rolledModel, credits: existing.credits }) : [];
      const next = contribution({ day, model: settings.model, credits: rows });
      await applyOrderRollupDeltas(tx, { shop, deltas: diffContributions(previous, next) });
      return { orderRowId: row.id, credits: rows.length, created: !existing };
    }),
  );
}

/**
 * Refunds that came before their order (refunds/create is not delivered after
 * orders/create when that one failed and is retried): read and deleted in the
 * order's transaction, so each is counted once. A stored payload that no
 * longer parses counts as no refund rather than failing the order.
 */
async function takePendingRefunds(tx: Prisma.TransactionClient, shop: string, orderId: string): Promise<RefundPayload[]> {
  const rows = await tx.pendingRefund.findMany({ where: { shop, orderId } });
  if (rows.length === 0) return [];
  await tx.pendingRefund.deleteMany({ where: { shop, id: { in: rows.map((r) => r.id) } } });
  return rows.flatMap((row) => {
    try {
      const parsed = RefundPayloadSchema.safeParse(JSON.parse(row.payload));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/**
 * A refunds/create payload: adds the refund (by id, so a redelivery counts
 * once) and lowers the order's credited revenue. A refund for an order not
 * attributed yet is kept (PendingRefund) until that order comes.
 */
export async function recordRefund({ shop, payload }: { shop: string; payload: unknown }): Promise<{ applied: boolean }> {
  const refund = RefundPayloadSchema.parse(payload);
  return prisma.$transaction(async (tx) => {
    const existing = await lockExisting(tx, shop, refund.order_id);
    if (!existing) {
      const key = { shop, orderId: refund.order_id, refundId: refund.id };
      await tx.pendingRefund.upsert({
        where: { shop_orderId_refundId: key },
        create: { ...key, payload: JSON.stringify(refund) },
        update: { payload: JSON.stringify(refund) },
      });
      return { applied: false };
    }
    const refunds = { ...parseRefunds(existing.refunds), ...refundsById([refund], existing.currency) };
    const refundedMinor = sumRefunds(refunds);
    const net = Math.max(0, existing.totalMinor - refundedMinor);
    await tx.attributedOrder.update({ where: { id: existing.id }, data: { refunds: JSON.stringify(refunds), refundedMinor } });
    await tx.orderCredit.updateMany({ where: { shop, orderRowId: existing.id }, data: { revenueMinor: net } });
    const previous = contribution({ day: existing.rolledDay, model: existing.rolledModel, credits: existing.credits });
    const next = contribution({ day: existing.rolledDay, model: existing.rolledModel, credits: existing.credits.map((c) => ({ ...c, revenueMinor: net })) });
    await applyOrderRollupDeltas(tx, { shop, deltas: diffContributions(previous, next) });
    return { applied: true };
  });
}
