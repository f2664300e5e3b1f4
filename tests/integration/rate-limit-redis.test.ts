// Rate limits counted in Redis (REDIS_URL): every instance of the app spends
// from one budget, and an unreachable Redis falls back to per-instance counts
// instead of failing requests. Needs the Redis server of the build machines
// (TEST_REDIS_URL, default redis://127.0.0.1:6379); each run uses its own shop,
// so its keys never meet another run's.
import { randomUUID } from "node:crypto";
import { afterAll, expect, test } from "vitest";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { connectRedis, createLimiter, REDIS_KEY_PREFIX, spend } from "../../app/models/rate-limit.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_SECRET } from "../support/test-env.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const saved = { REDIS_URL: process.env.REDIS_URL, REPLYREEL_EVENTS_RATE_SHOP: process.env.REPLYREEL_EVENTS_RATE_SHOP };
process.env.REDIS_URL = REDIS_URL;
process.env.REPLYREEL_EVENTS_RATE_SHOP = "30/60";

const app = setupAppServer();
const SHOP = `redis-${randomUUID().slice(0, 8)}.myshopify.com`;
const KEY = `${REDIS_KEY_PREFIX}:rr-events:${SHOP}`;
// "Another instance": its own connection to the same Redis.
const peerRedis = connectRedis(REDIS_URL);

afterAll(async () => {
  await peerRedis.del(KEY);
  peerRedis.disconnect();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function send(count: number, prefix: string) {
  const events = Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${String(i).padStart(8, "0")}`, type: "impression", at: Date.now() }));
  return fetch(`${app.baseUrl}/proxy/events?${appProxyQuery({ shop: SHOP, secret: TEST_API_SECRET }).toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA },
    body: JSON.stringify({ events }),
  });
}

test("the server's events spend the shop's budget in Redis, together with another instance's", async () => {
  await createOfflineSession({ shop: SHOP });
  const peer = createLimiter("rr-events", { points: 30, seconds: 60 }, peerRedis);
  expect(await spend(peer, SHOP, 20)).toEqual({ ok: true });
  expect((await send(5, "a")).status).toBe(200);
  expect(Number(await peerRedis.get(KEY))).toBe(25);
  // 25 + 10 > 30: refused, although this server itself has counted only 5.
  const over = await send(10, "b");
  expect(over.status).toBe(429);
  expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  // The other instance sees the server's spending too.
  expect((await spend(peer, SHOP, 1)).ok).toBe(false);
});

test("with Redis unreachable, a limiter counts in memory: requests are answered, then limited", async () => {
  const down = connectRedis("redis://127.0.0.1:1");
  try {
    const limiter = createLimiter("down-test", { points: 3, seconds: 60 }, down);
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await spend(limiter, "visitor")).ok);
    expect(results).toEqual([true, true, true, false]);
  } finally {
    down.disconnect();
  }
});
