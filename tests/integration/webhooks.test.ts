import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { signedWebhook } from "../support/signed-requests.ts";

const app = setupAppServer();
const SHOP = "alpha-store.myshopify.com";
const OTHER = "beta-store.myshopify.com";

const topics = [
  ["app/uninstalled", "/webhooks/app/uninstalled", {}],
  ["app/scopes_update", "/webhooks/app/scopes_update", { previous: [], current: ["read_products"] }],
  ["orders/create", "/webhooks/orders/create", { id: 1, name: "#1001" }],
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

test("a webhook without Shopify's headers is a bad request", async () => {
  const res = await fetch(`${app.baseUrl}/webhooks/app/uninstalled`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Topic": "app/uninstalled", "X-Shopify-Shop-Domain": SHOP },
    body: "{}",
  });
  expect(res.status).toBe(400);
  expect(await prisma.webhookEvent.count()).toBe(0);
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
    const res = await signedWebhook({ baseUrl: app.baseUrl, path: "/webhooks/orders/create", topic: "orders/create", shop, body: { id: 2 }, eventId });
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
