// The per-shop event rate limit (429), in its own file: the limit comes from the
// environment, which the built server reads once per process.
import { afterAll, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_SECRET, TEST_SHOP } from "../support/test-env.ts";

const previous = process.env.REPLYREEL_EVENTS_RATE_SHOP;
process.env.REPLYREEL_EVENTS_RATE_SHOP = "30/60";
afterAll(() => {
  if (previous === undefined) delete process.env.REPLYREEL_EVENTS_RATE_SHOP;
  else process.env.REPLYREEL_EVENTS_RATE_SHOP = previous;
});

const app = setupAppServer();
const OTHER_SHOP = "quiet-shop.myshopify.com";

function send(shop: string, count: number, prefix: string) {
  const events = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${String(i).padStart(8, "0")}`, type: "impression", at: Date.now() }));
  return fetch(`${app.baseUrl}/proxy/events?${appProxyQuery({ shop, secret: TEST_API_SECRET }).toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA },
    body: JSON.stringify({ events }),
  });
}

test("a shop over its event budget gets 429 with Retry-After; another shop is unaffected", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  await createOfflineSession({ shop: OTHER_SHOP });
  expect((await send(TEST_SHOP, 20, "a")).status).toBe(200);
  const over = await send(TEST_SHOP, 20, "b");
  expect(over.status).toBe(429);
  expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await over.json()).toMatchObject({ error: expect.stringContaining("too many") });
  expect((await send(OTHER_SHOP, 20, "c")).status).toBe(200);
  expect(await prisma.contentEvent.count({ where: { shop: TEST_SHOP } })).toBe(20);
});
