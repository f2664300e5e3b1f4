// Attribution through the real server (issue 8): signed orders/create,
// orders/paid and refunds/create webhooks over HTTP update AttributedOrder,
// OrderCredit and EventRollup; redeliveries and refunds never double count;
// shops stay apart; the report and its CSV show the result.
import { expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import prisma from "../../app/db.server.ts";
import { pruneEvents } from "../../app/models/rollups-orders.server.ts";
import { createCost, CostInputSchema, deleteCost, listCostsInRange } from "../../app/models/costs.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, signedWebhook } from "../support/signed-requests.ts";

const app = setupAppServer();
const SHOP = "alpha-store.myshopify.com";
const OTHER = "beta-store.myshopify.com";
const ORDER_AT = "2026-11-20T12:00:00.000Z";
const ORDER_MS = Date.parse(ORDER_AT);
const DAY = "2026-11-20";
const DRESS = 9000000001;

async function createItem(shop: string) {
  const feed = await prisma.feed.create({ data: { shop, handle: "videos", title: "Watch and shop", kind: "video" } });
  const item = await prisma.contentItem.create({
    data: {
      shop,
      kind: "video",
      title: "Linen dress, three ways",
      source: "url",
      url: "/v.webm",
      products: { create: { shop, productId: `gid://shopify/Product/${DRESS}`, handle: "linen-midi-dress", title: "Linen midi dress" } },
      feeds: { create: { feedId: feed.id, position: 0 } },
    },
  });
  return { feedId: feed.id, itemId: item.id };
}

const utm = { source: "replyreel", medium: "shoppable_video", campaign: "videos", content: "x" };

function order({ id = 5001, total = "89.00", touch, landingSite, refunds, productId = DRESS }: { id?: number; total?: string; touch?: object; landingSite?: string; refunds?: object[]; productId?: number }) {
  return {
    id,
    name: `#${id}`,
    created_at: ORDER_AT,
    currency: "USD",
    total_price: total,
    email: "maria.lopez@example.com",
    landing_site: landingSite ?? "/",
    note_attributes: touch ? [{ name: "_rr_touch", value: JSON.stringify(touch) }] : [],
    line_items: [{ product_id: productId, quantity: 1, price: total, properties: [] }],
    refunds: refunds ?? [],
  };
}

const send = (shop: string, topic: string, body: unknown, eventId?: string) =>
  signedWebhook({ baseUrl: app.baseUrl, path: `/webhooks/${topic}`, topic, shop, body, eventId });

async function rollup(shop: string, itemId: string) {
  return prisma.eventRollup.aggregate({ where: { shop, itemId }, _sum: { orders: true, assisted: true, revenueMinor: true, clicks: true } });
}

test("orders/create credits the clicked item: order, both models' credits, the rollup's orders and revenue", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  // The events endpoint's click, already in the rollup: attribution must leave its counts alone.
  await prisma.eventRollup.create({ data: { shop: SHOP, day: DAY, feedId, itemId, utmSource: utm.source, utmMedium: utm.medium, utmCampaign: utm.campaign, utmContent: utm.content, impressions: 40, clicks: 3 } });
  const res = await send(SHOP, "orders/create", order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 3_600_000 } }));
  expect(res.status).toBe(200);

  const row = await prisma.attributedOrder.findUniqueOrThrow({ where: { shop_orderId: { shop: SHOP, orderId: "5001" } }, include: { credits: true } });
  expect(row).toMatchObject({ totalMinor: 8900, refundedMinor: 0, currency: "USD", rolledDay: DAY, rolledModel: "last_touch" });
  expect(row.credits.map((c) => [c.model, c.kind, c.signal, c.itemId, c.feedId, c.revenueMinor]).sort()).toEqual([
    ["first_touch", "direct", "touch", itemId, feedId, 8900],
    ["last_touch", "direct", "touch", itemId, feedId, 8900],
  ]);
  const rows = await prisma.eventRollup.findMany({ where: { shop: SHOP, itemId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ day: DAY, impressions: 40, clicks: 3, orders: 1, assisted: 0, revenueMinor: 8900 });
});

test("redelivery with the same event id, a new event id, and orders/paid never count the order twice", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  const body = order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 } });
  expect((await send(SHOP, "orders/create", body, "evt-order-1")).status).toBe(200);
  const again = await send(SHOP, "orders/create", body, "evt-order-1");
  expect(again.headers.get("X-ReplyReel-Duplicate")).toBe("1");
  const newEvent = await send(SHOP, "orders/create", body, "evt-order-1-bis");
  expect(newEvent.status).toBe(200);
  expect(newEvent.headers.get("X-ReplyReel-Duplicate")).toBeNull();
  expect((await send(SHOP, "orders/paid", body)).status).toBe(200);

  expect(await prisma.attributedOrder.count({ where: { shop: SHOP } })).toBe(1);
  expect(await prisma.orderCredit.count({ where: { shop: SHOP } })).toBe(2);
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 8900 });
});

test("a refund lowers credited revenue once, whether it comes as refunds/create (twice) or inside orders/paid", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  const touch = { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 };
  await send(SHOP, "orders/create", order({ touch }));
  const refund = { id: 77, order_id: 5001, transactions: [{ kind: "refund", status: "success", amount: "20.00" }] };
  expect((await send(SHOP, "refunds/create", refund)).status).toBe(200);
  expect((await send(SHOP, "refunds/create", refund)).status).toBe(200); // a new event id for the same refund
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 6900 });

  await send(SHOP, "orders/paid", order({ touch, refunds: [refund] }));
  const row = await prisma.attributedOrder.findUniqueOrThrow({ where: { shop_orderId: { shop: SHOP, orderId: "5001" } }, include: { credits: true } });
  expect(row.refundedMinor).toBe(2000);
  expect(row.credits.every((c) => c.revenueMinor === 6900)).toBe(true);
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 6900 });

  // A second, different refund lowers it further.
  await send(SHOP, "refunds/create", { id: 78, order_id: 5001, refund_line_items: [{ subtotal: "9.00", total_tax: "0.00" }] });
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 6000 });
});

test("a refund for an order never attributed is accepted, changes no figure, and is kept for its order in its shop only", async () => {
  const res = await send(SHOP, "refunds/create", { id: 1, order_id: 404, transactions: [{ kind: "refund", status: "success", amount: "5.00" }] });
  expect(res.status).toBe(200);
  expect(await prisma.attributedOrder.count()).toBe(0);
  expect(await prisma.eventRollup.count()).toBe(0);
  expect(await prisma.pendingRefund.findMany({ select: { shop: true, orderId: true, refundId: true } })).toEqual([{ shop: SHOP, orderId: "404", refundId: "1" }]);
});

test("a refund that comes before its order (a retried orders/create) is counted once when the order comes, and only in its shop", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  const other = await createItem(OTHER);
  const refund = { id: 90, order_id: 5001, transactions: [{ kind: "refund", status: "success", amount: "19.00" }] };
  expect((await send(SHOP, "refunds/create", refund)).status).toBe(200);
  expect((await send(SHOP, "refunds/create", refund)).status).toBe(200); // redelivered before the order: still one refund
  await send(SHOP, "orders/create", order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 } }));
  await send(OTHER, "orders/create", order({ touch: { item: other.itemId, feed: other.feedId, utm, t: ORDER_MS - 1000 } }));
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 7000 });
  expect((await rollup(OTHER, other.itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 8900 });
  expect(await prisma.pendingRefund.count()).toBe(0);
  // orders/paid then lists the same refund: counted once.
  await send(SHOP, "orders/paid", order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 }, refunds: [refund] }));
  const row = await prisma.attributedOrder.findUniqueOrThrow({ where: { shop_orderId: { shop: SHOP, orderId: "5001" } } });
  expect(row.refundedMinor).toBe(1900);
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 7000 });
});

test("an order and its refund arriving at the same moment: the refund is counted once, every time", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  const touch = { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 };
  const ids = Array.from({ length: 25 }, (_, i) => 6000 + i);
  await Promise.all(
    ids.flatMap((id) => [
      send(SHOP, "orders/create", order({ id, touch })),
      send(SHOP, "refunds/create", { id: id * 10, order_id: id, transactions: [{ kind: "refund", status: "success", amount: "9.00" }] }),
    ]),
  );
  const rows = await prisma.attributedOrder.findMany({ where: { shop: SHOP }, select: { orderId: true, refundedMinor: true } });
  expect(rows).toHaveLength(ids.length);
  expect(rows.filter((r) => r.refundedMinor !== 900).map((r) => r.orderId)).toEqual([]);
  expect(await prisma.pendingRefund.count()).toBe(0);
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: ids.length, revenueMinor: ids.length * 8000 });
});

test("two shops: the same order id is two orders, and each shop's rollups hold only its own", async () => {
  const a = await createItem(SHOP);
  const b = await createItem(OTHER);
  await send(SHOP, "orders/create", order({ touch: { item: a.itemId, feed: a.feedId, utm, t: ORDER_MS - 1000 } }));
  await send(OTHER, "orders/create", order({ total: "10.00", touch: { item: b.itemId, feed: b.feedId, utm, t: ORDER_MS - 1000 } }));
  // A touch naming the other shop's item credits that id in this shop only (nothing of the other shop is read).
  expect(await prisma.attributedOrder.count({ where: { orderId: "5001" } })).toBe(2);
  expect((await rollup(SHOP, a.itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 8900 });
  expect((await rollup(OTHER, b.itemId))._sum).toMatchObject({ orders: 1, revenueMinor: 1000 });
  expect((await rollup(SHOP, b.itemId))._sum.orders).toBeNull();
  await send(OTHER, "refunds/create", { id: 1, order_id: 5001, transactions: [{ amount: "10.00" }] });
  expect((await rollup(SHOP, a.itemId))._sum.revenueMinor).toBe(8900);
  expect((await rollup(OTHER, b.itemId))._sum.revenueMinor).toBe(0);
});

test("a reply link in the landing site credits the reply's message; an order bought from another product is assisted for content", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  await send(SHOP, "orders/create", order({ id: 6001, landingSite: "/products/mug?utm_source=replyreel&utm_medium=reply&utm_campaign=shipping_info&utm_content=msg_42" }));
  const credit = await prisma.orderCredit.findFirstOrThrow({ where: { shop: SHOP, model: "last_touch" } });
  expect(credit).toMatchObject({ signal: "reply", replyMessageId: "msg_42", utmMedium: "reply", utmCampaign: "shipping_info", revenueMinor: 8900 });
  expect(await prisma.eventRollup.findFirst({ where: { shop: SHOP, utmMedium: "reply", utmContent: "msg_42" } })).toMatchObject({ orders: 1, revenueMinor: 8900 });

  await send(SHOP, "orders/create", order({ id: 6002, productId: 123, touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 } }));
  expect((await rollup(SHOP, itemId))._sum).toMatchObject({ orders: 1, assisted: 1 });
});

test("the visitor's stored clicks and the pixel's touches join in: first touch is the oldest click in the window", async () => {
  const { feedId, itemId } = await createItem(SHOP);
  await prisma.contentEvent.createMany({
    data: [
      { shop: SHOP, clientEventId: "c1", type: "click", feedId, itemId, visitorId: "v-1", utmCampaign: "early", occurredAt: new Date(ORDER_MS - 5 * 86_400_000) },
      { shop: SHOP, clientEventId: "c0", type: "click", feedId, itemId, visitorId: "v-1", utmCampaign: "too-early", occurredAt: new Date(ORDER_MS - 8 * 86_400_000) },
      { shop: OTHER, clientEventId: "c2", type: "click", feedId, itemId, visitorId: "v-1", utmCampaign: "other-shop", occurredAt: new Date(ORDER_MS - 6 * 86_400_000) },
    ],
  });
  await prisma.pixelCheckout.create({ data: { shop: SHOP, orderId: "gid://shopify/Order/5001", touches: JSON.stringify([{ item: itemId, feed: feedId, utm: { campaign: "pixel" }, time: new Date(ORDER_MS - 2 * 86_400_000).toISOString() }]) } });
  await send(SHOP, "orders/create", order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000, v: "v-1" } }));
  const credits = await prisma.orderCredit.findMany({ where: { shop: SHOP } });
  expect(credits.find((c) => c.model === "first_touch")).toMatchObject({ signal: "click", utmCampaign: "early" });
  expect(credits.find((c) => c.model === "last_touch")).toMatchObject({ signal: "touch", utmCampaign: "videos" });
});

test("an order payload without what attribution needs answers 400 with the reason and stores nothing", async () => {
  const res = await send(SHOP, "orders/create", { id: 1, created_at: "not a date", currency: "dollars" });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { reason: string };
  expect(body.reason).toMatch(/created_at/);
  expect(body.reason).toMatch(/currency/);
  expect(await prisma.attributedOrder.count()).toBe(0);
});

test("the report page and its streamed CSV show the credited order", async () => {
  await createOfflineSession({ shop: SHOP });
  const { feedId, itemId } = await createItem(SHOP);
  await prisma.eventRollup.create({ data: { shop: SHOP, day: DAY, feedId, itemId, utmSource: utm.source, utmMedium: utm.medium, utmCampaign: utm.campaign, utmContent: utm.content, impressions: 200, clicks: 10 } });
  await send(SHOP, "orders/create", order({ touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 } }));
  await prisma.contentCost.create({ data: { shop: SHOP, itemId, startsOn: DAY, endsOn: DAY, costMinor: 2000 } });

  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report?from=2026-11-01&to=2026-11-30&group=item`, shop: SHOP });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Linen dress, three ways");
  expect(html).toContain("$89.00");
  expect(html).toContain("4.45×"); // ROAS 8900 / 2000
  expect(html).toContain("7-day window");

  const csv = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report/export?from=2026-11-01&to=2026-11-30&group=item`, shop: SHOP });
  expect(csv.status).toBe(200);
  expect(csv.headers.get("content-type")).toContain("text/csv");
  const text = await csv.text();
  expect(text).toMatch(/^# Last touch, 7-day window/);
  const records = parse(text, { comment: "#", columns: true }) as Record<string, string>[];
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ day: DAY, group: "item", key: itemId, label: "Linen dress, three ways", impressions: "200", clicks: "10", orders: "1", revenue: "89.00", currency: "USD", cost: "20.00", roas: "4.45" });

  // The other shop sees nothing of it.
  await createOfflineSession({ shop: OTHER });
  const other = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report/export?from=2026-11-01&to=2026-11-30&group=item`, shop: OTHER });
  expect((await other.text()).trim().split("\r\n")).toHaveLength(2);
});

test("a shop in New York: an order at 03:00 UTC on the 21st counts on the 20th, and the report's days are New York's", async () => {
  await createOfflineSession({ shop: SHOP });
  const zone = await send(SHOP, "shop/update", { id: 1, iana_timezone: "America/New_York" });
  expect(zone.status).toBe(200);
  const { feedId, itemId } = await createItem(SHOP);
  const lateEvening = "2026-11-21T03:00:00.000Z"; // 22:00 on the 20th in New York
  const res = await send(SHOP, "orders/create", { ...order({ touch: { item: itemId, feed: feedId, utm, t: Date.parse(lateEvening) - 60_000 } }), created_at: lateEvening });
  expect(res.status).toBe(200);
  expect((await prisma.attributedOrder.findFirstOrThrow({ where: { shop: SHOP } })).rolledDay).toBe("2026-11-20");
  expect((await prisma.eventRollup.findMany({ where: { shop: SHOP, itemId } })).map((r) => [r.day, r.orders, r.revenueMinor])).toEqual([["2026-11-20", 1, 8900]]);

  // The report for New York's 20th holds the order and its count; the 21st does not.
  const day = async (d: string) => {
    const csv = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report/export?from=${d}&to=${d}&group=item`, shop: SHOP });
    return parse(await csv.text(), { comment: "#", columns: true }) as Record<string, string>[];
  };
  expect((await day("2026-11-20")).map((r) => [r.day, r.orders, r.revenue])).toEqual([["2026-11-20", "1", "89.00"]]);
  expect(await day("2026-11-21")).toEqual([]);
  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report?from=2026-11-20&to=2026-11-20`, shop: SHOP });
  expect(await page.text()).toContain("(days in America/New_York time)");
});

test("pruneEvents deletes the shop's raw events older than its retention and leaves rollups and other shops alone", async () => {
  const now = new Date("2026-11-30T00:00:00Z");
  await prisma.shopSettings.create({ data: { shop: SHOP, eventRetentionDays: 30 } });
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
  await prisma.contentEvent.createMany({
    data: [
      { shop: SHOP, clientEventId: "old", type: "click", occurredAt: at(31) },
      { shop: SHOP, clientEventId: "edge", type: "click", occurredAt: at(30) },
      { shop: SHOP, clientEventId: "new", type: "click", occurredAt: at(1) },
      { shop: OTHER, clientEventId: "other-old", type: "click", occurredAt: at(60) },
    ],
  });
  await prisma.eventRollup.create({ data: { shop: SHOP, day: "2026-10-30", clicks: 1 } });
  await prisma.pendingRefund.createMany({
    data: [
      { shop: SHOP, orderId: "1", refundId: "old", payload: "{}", receivedAt: at(31) },
      { shop: SHOP, orderId: "2", refundId: "new", payload: "{}", receivedAt: at(1) },
      { shop: OTHER, orderId: "3", refundId: "other-old", payload: "{}", receivedAt: at(60) },
    ],
  });
  expect(await pruneEvents({ shop: SHOP, now })).toBe(1);
  expect((await prisma.pendingRefund.findMany({ orderBy: { refundId: "asc" } })).map((r) => r.refundId)).toEqual(["new", "other-old"]);
  expect((await prisma.contentEvent.findMany({ where: { shop: SHOP }, orderBy: { clientEventId: "asc" } })).map((e) => e.clientEventId)).toEqual(["edge", "new"]);
  expect(await prisma.contentEvent.count({ where: { shop: OTHER } })).toBe(1);
  expect(await prisma.eventRollup.count({ where: { shop: SHOP } })).toBe(1);
  // The default retention (90 days) applies to a shop without settings.
  expect(await pruneEvents({ shop: OTHER, now })).toBe(0);
});

test("costs: item, campaign and period costs are validated and scoped to the shop", async () => {
  const { itemId } = await createItem(SHOP);
  const ok = CostInputSchema.safeParse({ target: "item", itemId, startsOn: "2026-11-01", endsOn: "2026-11-30", amount: "250.00" });
  expect(ok.success).toBe(true);
  if (ok.success) expect((await createCost({ shop: SHOP, input: ok.data })).costMinor).toBe(25000);
  const bad = CostInputSchema.safeParse({ target: "campaign", startsOn: "2026-11-30", endsOn: "2026-11-01", amount: "-5" });
  expect(bad.success).toBe(false);
  if (!bad.success) expect(bad.error.issues.map((i) => i.path.join(".")).sort()).toEqual(["amount", "endsOn", "utmCampaign"]);
  // Another shop cannot cost this shop's item, nor delete this shop's cost.
  const foreign = CostInputSchema.parse({ target: "item", itemId, startsOn: "2026-11-01", endsOn: "2026-11-30", amount: "1" });
  await expect(createCost({ shop: OTHER, input: foreign })).rejects.toThrow(/no such content item/);
  const [cost] = await listCostsInRange({ shop: SHOP, range: { from: "2026-11-15", to: "2026-12-15" } });
  expect(await deleteCost({ shop: OTHER, id: cost.id })).toBe(false);
  expect(await deleteCost({ shop: SHOP, id: cost.id })).toBe(true);
});

test.each([
  ["orders/create", order({})],
  ["orders/paid", order({})],
  ["refunds/create", { id: 1, order_id: 5001 }],
])("%s answers 401 to a bad HMAC and stores nothing", async (topic, body) => {
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: `/webhooks/${topic}`, topic, shop: SHOP, body, secret: "not-the-app-secret" });
  expect(res.status).toBe(401);
  expect(await prisma.attributedOrder.count()).toBe(0);
  expect(await prisma.webhookEvent.count()).toBe(0);
});

test("the report speaks the currency the shop's orders arrive in", async () => {
  await createOfflineSession({ shop: SHOP });
  const { feedId, itemId } = await createItem(SHOP);
  await send(SHOP, "orders/create", { ...order({ total: "1500", touch: { item: itemId, feed: feedId, utm, t: ORDER_MS - 1000 } }), currency: "JPY" });
  expect((await prisma.attributedOrder.findFirstOrThrow({ where: { shop: SHOP } })).totalMinor).toBe(1500);
  const csv = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/report/export?from=2026-11-20&to=2026-11-20&group=item`, shop: SHOP });
  const [record] = parse(await csv.text(), { comment: "#", columns: true }) as Record<string, string>[];
  expect(record).toMatchObject({ revenue: "1500", currency: "JPY" });
});
