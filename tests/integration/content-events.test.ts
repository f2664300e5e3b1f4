import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_SECRET, TEST_SHOP } from "../support/test-env.ts";

const app = setupAppServer();
const OTHER_SHOP = "other-shop.myshopify.com";

function eventsUrl({ shop = TEST_SHOP, secret = TEST_API_SECRET, timestamp }: { shop?: string; secret?: string; timestamp?: number } = {}) {
  return `${app.baseUrl}/proxy/events?${appProxyQuery({ shop, secret, timestamp }).toString()}`;
}

function post(url: string, body: unknown) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

let counter = 0;
function event(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `evt-${Date.now().toString(36)}-${counter.toString().padStart(4, "0")}`,
    type: "impression",
    feed: "feed_a",
    item: "item_1",
    visitor: "v_123",
    utm: { source: "replyreel", medium: "shoppable_video", campaign: "summer", content: "item_1" },
    at: Date.now(),
    ...overrides,
  };
}

test.each([
  ["no signature", () => `${app.baseUrl}/proxy/events?shop=${TEST_SHOP}`],
  ["a signature made with another secret", () => eventsUrl({ secret: "not-the-secret" })],
  ["a signature older than 90 seconds", () => eventsUrl({ timestamp: Math.floor(Date.now() / 1000) - 600 })],
])("%s is refused with 401 and nothing is stored", async (_name, url) => {
  await createOfflineSession({ shop: TEST_SHOP });
  const res = await post(url(), { events: [event()] });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error: expect.stringContaining("signature") });
  expect(await prisma.contentEvent.count()).toBe(0);
});

test("a body over 64 KB is refused with 413", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const padding = "x".repeat(70 * 1024);
  const res = await post(eventsUrl(), JSON.stringify({ events: [event({ pad: padding })] }));
  expect(res.status).toBe(413);
  expect(await prisma.contentEvent.count()).toBe(0);
});

test.each([
  ["not JSON", "{events:"],
  ["not a batch", { hello: 1 }],
  ["an empty batch", { events: [] }],
  ["51 events", { events: Array.from({ length: 51 }, () => event()) }],
  ["only invalid events", { events: [{ id: "x", type: "impression" }] }],
])("%s is refused with 400 and a reason", async (_name, body) => {
  await createOfflineSession({ shop: TEST_SHOP });
  const res = await post(eventsUrl(), body);
  expect(res.status).toBe(400);
  const json = (await res.json()) as { error: string };
  expect(json.error.length).toBeGreaterThan(5);
  expect(await prisma.contentEvent.count()).toBe(0);
});

test("good events beside bad ones are stored and the bad indexes reported", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const batch = [event(), { ...event(), type: "hover" }, event({ type: "click" }), { ...event(), at: "yesterday" }];
  const res = await post(eventsUrl(), { events: batch });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { stored: number; rejected: { index: number; reason: string }[] };
  expect(json.stored).toBe(2);
  expect(json.rejected.map((r) => r.index)).toEqual([1, 3]);
  expect(json.rejected[0].reason).toContain("type");
  const stored = await prisma.contentEvent.findMany({ where: { shop: TEST_SHOP }, orderBy: { id: "asc" } });
  expect(stored.map((e) => e.clientEventId)).toEqual([batch[0].id, batch[2].id]);
});

test("a re-sent batch is stored once and its rollups counted once", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const batch = [
    event({ type: "impression" }),
    event({ type: "impression" }),
    event({ type: "play" }),
    event({ type: "click", product: "gid://shopify/Product/9000000001" }),
    event({ type: "add_to_cart", product: "gid://shopify/Product/9000000001" }),
    event({ type: "impression", item: "item_2", utm: { source: "replyreel", medium: "shoppable_video", campaign: "summer", content: "item_2" } }),
  ];
  const first = await post(eventsUrl(), { events: batch });
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ stored: 6, duplicates: 0 });
  const again = await Promise.all([post(eventsUrl(), { events: batch }), post(eventsUrl(), { events: batch.slice(2) })]);
  for (const res of again) expect(res.status).toBe(200);
  expect(await again[0].json()).toMatchObject({ stored: 0, duplicates: 6 });

  expect(await prisma.contentEvent.count({ where: { shop: TEST_SHOP } })).toBe(6);
  const rollups = await prisma.eventRollup.findMany({ where: { shop: TEST_SHOP }, orderBy: { itemId: "asc" } });
  const day = new Date().toISOString().slice(0, 10);
  expect(rollups.map((r) => [r.day, r.itemId, r.utmContent, r.impressions, r.plays, r.clicks, r.addToCarts])).toEqual([
    [day, "item_1", "item_1", 2, 1, 1, 1],
    [day, "item_2", "item_2", 1, 0, 0, 0],
  ]);
  // Occurrence time is kept as sent, and reads back as the same instant.
  const stored = await prisma.contentEvent.findFirstOrThrow({ where: { shop: TEST_SHOP, clientEventId: batch[0].id } });
  expect(stored.occurredAt.getTime()).toBe(batch[0].at);
});

test("two shops are isolated: the same client event id is stored for each, rollups apart", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  await createOfflineSession({ shop: OTHER_SHOP });
  const shared = event({ type: "click" });
  expect((await post(eventsUrl(), { events: [shared] })).status).toBe(200);
  const res = await post(eventsUrl({ shop: OTHER_SHOP }), { events: [shared, event({ type: "click" })] });
  expect(await res.json()).toMatchObject({ stored: 2, duplicates: 0 });
  expect(await prisma.contentEvent.count({ where: { shop: TEST_SHOP } })).toBe(1);
  expect(await prisma.contentEvent.count({ where: { shop: OTHER_SHOP } })).toBe(2);
  const clicks = async (shop: string) => (await prisma.eventRollup.findMany({ where: { shop } })).reduce((n, r) => n + r.clicks, 0);
  expect(await clicks(TEST_SHOP)).toBe(1);
  expect(await clicks(OTHER_SHOP)).toBe(2);
});

test("GET is not a way to send events", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const res = await fetch(eventsUrl(), { headers: { "User-Agent": BROWSER_UA } });
  expect(res.status).toBe(405);
});

test("a shop's events are counted on the shop's day, not the UTC day", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const now = Date.now();
  // A zone whose day differs from UTC's right now: UTC+14 from 10:00 UTC, UTC−11 before 11:00 UTC.
  const zone = new Date(now).getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
  await prisma.shop.upsert({ where: { shop: TEST_SHOP }, create: { shop: TEST_SHOP, ianaTimezone: zone }, update: { ianaTimezone: zone } });
  const shopToday = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(now);
  expect(shopToday).not.toBe(new Date(now).toISOString().slice(0, 10));

  expect((await post(eventsUrl(), { events: [event({ at: now }), event({ type: "click", at: now })] })).status).toBe(200);
  const rollups = await prisma.eventRollup.findMany({ where: { shop: TEST_SHOP } });
  expect(rollups.map((r) => [r.day, r.impressions, r.clicks])).toEqual([[shopToday, 1, 1]]);
});
