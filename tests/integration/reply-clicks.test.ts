// The reply click tracker over real HTTP: signed app-proxy GETs to the built
// server's /proxy/r/<message id>, as Shopify forwards /apps/replyreel/r/<id>.
import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { trackedReplyUrl } from "../../app/core/inbox/utm.ts";
import { getReplyFunnel } from "../../app/models/report.server.ts";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_SECRET, TEST_SHOP } from "../support/test-env.ts";

const app = setupAppServer();
const OTHER_SHOP = "other-clicks.myshopify.com";

async function seedMessage(shop: string, externalId: string) {
  await createOfflineSession({ shop });
  const message = await prisma.message.create({
    data: { shop, channel: "contact_form", externalId, body: "Where is my order?", receivedAt: new Date(), intent: "order_status", status: "replied" },
  });
  return message;
}

/** The tracker request Shopify would forward for a link in a reply (the link's own `to`, signed). */
function clickGet(link: string, { shop = TEST_SHOP, secret = TEST_API_SECRET, headers = {} }: { shop?: string; secret?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(link);
  const id = url.pathname.replace("/apps/replyreel/r/", "");
  const query = appProxyQuery({ shop, secret, extra: url.searchParams });
  return fetch(`${app.baseUrl}/proxy/r/${id}?${query.toString()}`, { headers: { "User-Agent": BROWSER_UA, ...headers }, redirect: "manual" });
}

const clickEvents = (shop: string, messageId: string) =>
  prisma.contentEvent.findMany({ where: { shop, type: "click", utmMedium: "reply", utmContent: messageId } });
const rollupClicks = async (shop: string, messageId: string) =>
  (await prisma.eventRollup.aggregate({ where: { shop, utmMedium: "reply", utmContent: messageId }, _sum: { clicks: true } }))._sum.clicks ?? 0;

test("a click is recorded once per visitor and window, redirects to the tagged product, and shows in the funnel", async () => {
  const message = await seedMessage(TEST_SHOP, "click-1");
  const link = trackedReplyUrl(`https://${TEST_SHOP}/products/ceramic-pour-over-mug?variant=1`, { intent: "order_status", messageId: message.id });
  await prisma.reply.create({ data: { shop: TEST_SHOP, messageId: message.id, body: `Here it is: ${link}`, author: "merchant", channel: "contact_form", status: "sent" } });

  const res = await clickGet(link);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "", `https://${TEST_SHOP}`);
  expect(location.origin).toBe(`https://${TEST_SHOP}`);
  expect(location.pathname).toBe("/products/ceramic-pour-over-mug");
  expect(Object.fromEntries(location.searchParams)).toEqual({
    variant: "1",
    utm_source: "replyreel",
    utm_medium: "reply",
    utm_campaign: "order_status",
    utm_content: message.id,
  });

  const events = await clickEvents(TEST_SHOP, message.id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ utmSource: "replyreel", utmCampaign: "order_status", feedId: null, itemId: null });
  expect(events[0].clientEventId).toMatch(/^rc_/);
  expect(await rollupClicks(TEST_SHOP, message.id)).toBe(1);

  // The same visitor again: counted once. Another visitor: a second click.
  expect((await clickGet(link)).status).toBe(302);
  expect(await clickEvents(TEST_SHOP, message.id)).toHaveLength(1);
  expect(await rollupClicks(TEST_SHOP, message.id)).toBe(1);
  expect((await clickGet(link, { headers: { "X-Forwarded-For": "203.0.113.9" } })).status).toBe(302);
  expect(await clickEvents(TEST_SHOP, message.id)).toHaveLength(2);
  expect(await rollupClicks(TEST_SHOP, message.id)).toBe(2);

  const today = new Date().toISOString().slice(0, 10);
  const funnel = await getReplyFunnel({ shop: TEST_SHOP, range: { from: today, to: today, timeZone: "UTC" } });
  expect(funnel).toMatchObject({ messages: 1, repliesWithLinks: 1, clicks: 2 });
});

test.each([
  ["//evil.com", "/"],
  ["https://evil.com/products/x", "/"],
  ["/products/x?variant=1", "/products/x?variant=1"],
])("the target %j redirects to %j", async (to, expected) => {
  const message = await seedMessage(TEST_SHOP, `click-target-${to}`);
  const res = await clickGet(`https://${TEST_SHOP}/apps/replyreel/r/${message.id}?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(expected);
});

test("another shop's or an unknown message id redirects and records nothing; a bad signature is 401", async () => {
  const theirs = await seedMessage(OTHER_SHOP, "click-other");
  const before = await prisma.contentEvent.count();
  const link = trackedReplyUrl(`https://${TEST_SHOP}/products/linen-midi-dress`, { intent: "order_status", messageId: theirs.id });
  const res = await clickGet(link);
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/products\/linen-midi-dress\?/);
  const unknown = await clickGet(`https://${TEST_SHOP}/apps/replyreel/r/no_such_message?to=/`);
  expect(unknown.status).toBe(302);
  expect(unknown.headers.get("location")).toBe("/");
  expect(await prisma.contentEvent.count()).toBe(before);
  expect(await rollupClicks(OTHER_SHOP, theirs.id)).toBe(0);
  expect(await rollupClicks(TEST_SHOP, theirs.id)).toBe(0);

  const forged = await clickGet(link, { secret: "wrong" });
  expect(forged.status).toBe(401);
  expect(await forged.json()).toMatchObject({ error: expect.any(String) });
  const unsigned = await fetch(`${app.baseUrl}/proxy/r/${theirs.id}?shop=${OTHER_SHOP}&to=/`, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
  expect(unsigned.status).toBe(401);
  expect(await prisma.contentEvent.count()).toBe(before);
});
