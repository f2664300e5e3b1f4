import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { signedWebhook } from "../support/signed-requests.ts";
import { receiveMessage } from "../../app/models/pipeline.server.ts";
import { sendReply, correctIntent } from "../../app/models/replies.server.ts";
import { listTemplates } from "../../app/models/templates.server.ts";
import { fixtureOrders } from "../fixtures/shop.ts";

const app = setupAppServer();
const SHOP = "alpha-store.myshopify.com";
const OTHER = "beta-store.myshopify.com";

const topics = [
  ["app/uninstalled", "/webhooks/app/uninstalled", {}],
  ["app/scopes_update", "/webhooks/app/scopes_update", { previous: [], current: ["read_products"] }],
  ["shop/update", "/webhooks/shop/update", { id: 1, name: "Demo", iana_timezone: "America/New_York" }],
  ["orders/create", "/webhooks/orders/create", { id: 1, name: "#1001", created_at: "2026-11-20T12:00:00Z", currency: "USD", total_price: "10.00" }],
  ["customers/data_request", "/webhooks/customers/data_request", { shop_domain: SHOP, customer: { id: 1 } }],
  ["customers/redact", "/webhooks/customers/redact", { shop_domain: SHOP, customer: { id: 1 } }],
  ["shop/redact", "/webhooks/shop/redact", { shop_domain: SHOP }],
] as const;

test.each(topics)("%s answers 200 to a good HMAC", async (topic, path, body) => {
  const res = await signedWebhook({ baseUrl: app.baseUrl, path, topic, shop: SHOP, body });
  expect(res.status).toBe(200);
});

test.each(topics)("%s answers 401 to a bad HMAC", async (topic, path, body) => {
  const res = await signedWebhook({ baseUrl: app.baseUrl, path, topic, shop: SHOP, body, secret: "not-the-app-secret" });
  expect(res.status).toBe(401);
  expect(await prisma.webhookEvent.count()).toBe(0);
});

test.each(topics)("%s answers 400 with the reason to a signed body that is not JSON", async (topic, path) => {
  const res = await signedWebhook({ baseUrl: app.baseUrl, path, topic, shop: SHOP, rawBody: "not json {" });
  expect(res.status).toBe(400);
  expect((await res.json()) as unknown).toMatchObject({ reason: "the body is not JSON" });
  expect(await prisma.webhookEvent.count()).toBe(0);
});

test("a webhook without Shopify's headers is a bad request", async () => {
  const res = await fetch(`${app.baseUrl}/webhooks/app/uninstalled`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Topic": "app/uninstalled", "X-Shopify-Shop-Domain": SHOP },
    body: "{}",
  });
  expect(res.status).toBe(400);
  expect(await prisma.webhookEvent.count()).toBe(0);
});

test("shop/update stores the shop's time zone; a zone nobody knows is ignored", async () => {
  const send = (iana_timezone: string, eventId: string) =>
    signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/shop/update", topic: "shop/update", shop: SHOP, body: { id: 1, iana_timezone }, eventId });
  expect((await send("America/New_York", "evt-tz-1")).status).toBe(200);
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).ianaTimezone).toBe("America/New_York");
  expect((await send("Mars/Olympus_Mons", "evt-tz-2")).status).toBe(200);
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).ianaTimezone).toBe("America/New_York");
  expect(await prisma.shop.count({ where: { shop: OTHER } })).toBe(0);
});

test("a redelivered webhook (same X-Shopify-Event-Id) is processed once", async () => {
  await createOfflineSession({ shop: SHOP });
  const eventId = "evt-redelivered-1";
  const first = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/app/scopes_update", topic: "app/scopes_update", shop: SHOP, body: { previous: [], current: ["read_products"] }, eventId });
  expect(first.status).toBe(200);
  expect(first.headers.get("X-ReplyReel-Duplicate")).toBeNull();
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).scopes).toBe("read_products");

  // The merchant changes scopes again; a late redelivery of the first event must not roll it back.
  await prisma.shop.update({ where: { shop: SHOP }, data: { scopes: "read_products,read_orders" } });
  const again = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/app/scopes_update", topic: "app/scopes_update", shop: SHOP, body: { previous: [], current: ["read_products"] }, eventId });
  expect(again.status).toBe(200);
  expect(again.headers.get("X-ReplyReel-Duplicate")).toBe("1");
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).scopes).toBe("read_products,read_orders");
  expect(await prisma.webhookEvent.count({ where: { shop: SHOP, eventId } })).toBe(1);
});

test("the same event id from another shop is a different event", async () => {
  const eventId = "evt-shared";
  for (const shop of [SHOP, OTHER]) {
    const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/orders/create", topic: "orders/create", shop, body: { id: 2, created_at: "2026-11-20T12:00:00Z", currency: "USD", total_price: "10.00" }, eventId });
    expect(res.headers.get("X-ReplyReel-Duplicate")).toBeNull();
  }
  expect(await prisma.webhookEvent.count({ where: { eventId } })).toBe(2);
});

test("app/uninstalled deletes that shop's sessions and no other shop's", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/app/uninstalled", topic: "app/uninstalled", shop: SHOP, body: {} });
  expect(res.status).toBe(200);
  expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
  expect(await prisma.session.count({ where: { shop: OTHER } })).toBe(1);
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: SHOP } })).uninstalledAt).toBeInstanceOf(Date);
});

test("shop/redact erases the shop and leaves other shops alone", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/shop/redact", topic: "shop/redact", shop: SHOP, body: { shop_domain: SHOP } });
  expect(res.status).toBe(200);
  expect(await prisma.shop.count({ where: { shop: SHOP } })).toBe(0);
  expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
  expect(await prisma.shop.count({ where: { shop: OTHER } })).toBe(1);
});

test("a malformed scopes_update payload answers 400 with the reason and is not marked processed", async () => {
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/app/scopes_update", topic: "app/scopes_update", shop: SHOP, body: { current: "not-a-list" }, eventId: "evt-bad" });
  expect(res.status).toBe(400);
  expect((await res.json()) as unknown).toMatchObject({ reason: expect.stringContaining("current") });
  expect(await prisma.webhookEvent.count({ where: { eventId: "evt-bad" } })).toBe(0);
});

// ─── Compliance topics erase and gather the inbox's data (issue 5 item 6) ───

async function seedInbox(shop: string) {
  const order = fixtureOrders.find((o) => o.name === "#1043")!;
  const byEmail = await receiveMessage({
    shop,
    input: { channel: "api", externalId: "c-1", customerEmail: "shopper@example.com", body: "What is your return policy?" },
  });
  await sendReply({ shop, messageId: byEmail.message.id, body: "See our policy.", author: "merchant" });
  await correctIntent({ shop, messageId: byEmail.message.id, label: "shipping_info" });
  // Known to us only through the order it is about (no email on the message).
  const byOrder = await receiveMessage({ shop, input: { channel: "api", externalId: "c-2", body: `Where is order ${order.name}?` } });
  const other = await receiveMessage({ shop, input: { channel: "api", externalId: "c-3", customerEmail: "someone.else@example.com", body: "Hello" } });
  await listTemplates({ shop });
  return { order, byEmail: byEmail.message, byOrder: byOrder.message, other: other.message };
}

test("customers/redact erases that shopper's messages, replies, conversations and examples, by email and by order", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  const seeded = await seedInbox(SHOP);
  await seedInbox(OTHER);
  expect(JSON.parse(seeded.byOrder.orderContext ?? "{}")).toMatchObject({ status: "found" });
  const orderId = Number(seeded.order.id.split("/").pop());
  const body = { shop_domain: SHOP, customer: { id: 7, email: "Shopper@Example.com", phone: null }, orders_to_redact: [orderId] };
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/customers/redact", topic: "customers/redact", shop: SHOP, body });
  expect(res.status).toBe(200);
  const left = await prisma.message.findMany({ where: { shop: SHOP }, select: { id: true } });
  expect(left.map((m) => m.id)).toEqual([seeded.other.id]);
  expect(await prisma.reply.count({ where: { shop: SHOP } })).toBe(0);
  expect(await prisma.intentExample.count({ where: { shop: SHOP } })).toBe(0);
  expect(await prisma.conversation.count({ where: { shop: SHOP, customerEmail: "shopper@example.com" } })).toBe(0);
  // The other shop keeps everything, though the same shopper wrote to it.
  expect(await prisma.message.count({ where: { shop: OTHER } })).toBe(3);
  expect(await prisma.reply.count({ where: { shop: OTHER } })).toBe(1);
  expect(await prisma.intentExample.count({ where: { shop: OTHER } })).toBe(1);
});

test("customers/redact and data_request answer 400 to a payload without a customer", async () => {
  for (const [topic, path] of [["customers/redact", "/webhooks/customers/redact"], ["customers/data_request", "/webhooks/customers/data_request"]]) {
    const res = await signedWebhook({ baseUrl: app.baseUrl, path, topic, shop: SHOP, body: { shop_domain: SHOP } });
    expect(res.status).toBe(400);
    expect((await res.json()) as unknown).toMatchObject({ reason: expect.stringContaining("customer") });
  }
});

test("customers/data_request reads without erasing", async () => {
  await createOfflineSession({ shop: SHOP });
  await seedInbox(SHOP);
  const before = await prisma.message.count({ where: { shop: SHOP } });
  const body = { shop_domain: SHOP, customer: { id: 7, email: "shopper@example.com" }, orders_requested: [], data_request: { id: 99 } };
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/customers/data_request", topic: "customers/data_request", shop: SHOP, body });
  expect(res.status).toBe(200);
  expect(await prisma.message.count({ where: { shop: SHOP } })).toBe(before);
});

test("shop/redact erases every inbox table of the shop and nothing of another shop", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  await seedInbox(SHOP);
  await seedInbox(OTHER);
  for (const shop of [SHOP, OTHER]) await prisma.pendingRefund.create({ data: { shop, orderId: "5001", refundId: "1", payload: "{}" } });
  const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/shop/redact", topic: "shop/redact", shop: SHOP, body: { shop_domain: SHOP } });
  expect(res.status).toBe(200);
  const tables = ["message", "conversation", "reply", "replyTemplate", "intentExample", "shopSettings", "session", "shop", "pendingRefund"] as const;
  for (const table of tables) {
    const delegate = prisma[table] as unknown as { count: (args: { where: { shop: string } }) => Promise<number> };
    expect(await delegate.count({ where: { shop: SHOP } }), `${table} of ${SHOP}`).toBe(0);
    expect(await delegate.count({ where: { shop: OTHER } }), `${table} of ${OTHER}`).toBeGreaterThan(0);
  }
});
