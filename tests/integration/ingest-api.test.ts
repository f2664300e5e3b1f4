// POST/GET /api/v1/messages through the real built server, with real per-shop keys.
import path from "node:path";
import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../app/models/api-keys.server.ts";
import { setupAppServer } from "../support/app-server.ts";

// The built server resolves the built-in model relative to build/server/index.js, where it is
// not (reported to the lead, issue 5); point it at the file `npm run build` writes.
process.env.REPLYREEL_BUILTIN_MODEL ??= path.resolve(import.meta.dirname, "../../app/core/intents/model/builtin-model.json");
const app = setupAppServer();
const SHOP_A = "alpha-ingest.myshopify.com";
const SHOP_B = "beta-ingest.myshopify.com";

const send = (key: string | undefined, body: unknown, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/api/v1/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });

type Result = { index: number; status: "created" | "duplicate" | "rejected"; id?: string; externalId?: string; errors?: Record<string, string> };

test("a key is shown once, stored only as a hash with its prefix, and listed without the secret", async () => {
  const { key, prefix, id } = await createApiKey({ shop: SHOP_A, name: "TikTok Shop sync" });
  expect(key.startsWith("rr_live_")).toBe(true);
  expect(key.startsWith(prefix)).toBe(true);
  const row = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
  expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(row)).not.toContain(key);
  const listed = await listApiKeys({ shop: SHOP_A });
  expect(listed).toHaveLength(1);
  expect(JSON.stringify(listed)).not.toContain(key.slice(prefix.length));
  expect(await listApiKeys({ shop: SHOP_B })).toEqual([]);
});

test("a batch stores good items, reports bad ones with reasons, and a redelivery is a duplicate", async () => {
  const { key } = await createApiKey({ shop: SHOP_A, name: "sync" });
  const batch = {
    messages: [
      { externalId: "tt-1", source: "tiktok_shop", customerEmail: "li@example.cn", body: "我的包裹到哪了？订单 #1042" },
      { externalId: "tt-2", body: "" },
      { externalId: "tt-3", customerEmail: "not-an-email", body: "hi" },
      "not an object",
      { externalId: "tt-4", body: "Do you ship to Canada?", colour: "red" },
      { externalId: "tt-1", body: "same id again in the batch" },
    ],
  };
  const res = await send(key, batch);
  expect(res.status).toBe(200);
  const { results, summary } = (await res.json()) as { results: Result[]; summary: Record<string, number> };
  expect(results.map((r) => r.status)).toEqual(["created", "rejected", "rejected", "rejected", "rejected", "duplicate"]);
  expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
  expect(results[1].errors).toHaveProperty("body");
  expect(results[2].errors).toHaveProperty("customerEmail");
  expect(results[3].errors).toHaveProperty("message");
  expect(results[4].errors).toHaveProperty("colour");
  expect(summary).toEqual({ created: 1, duplicate: 1, rejected: 4 });

  const again = (await (await send(key, { messages: [batch.messages[0]] })).json()) as { results: Result[] };
  expect(again.results[0]).toMatchObject({ status: "duplicate", id: results[0].id });
  const stored = await prisma.message.findMany({ where: { shop: SHOP_A } });
  expect(stored).toHaveLength(1);
  // Stored, then classified and given a suggestion by the pipeline.
  expect(stored[0], stored[0].failureReason ?? "").toMatchObject({ channel: "api", externalId: "tt-1", source: "tiktok_shop", stage: "done" });
  expect(stored[0].intent).toBeTruthy();
});

test.each([
  ["no header", undefined],
  ["a malformed header", "Basic abc"],
  ["an unknown key", "rr_live_doesnotexist"],
])("%s answers 401", async (_label, key) => {
  const res = await fetch(`${app.baseUrl}/api/v1/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: key.startsWith("rr_") ? `Bearer ${key}` : key } : {}) },
    body: JSON.stringify({ messages: [{ externalId: "x", body: "hi" }] }),
  });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ reason: expect.stringContaining("Bearer") });
  expect(await prisma.message.count()).toBe(0);
});

test("a revoked key answers 401; revoking needs the owning shop", async () => {
  const { key, id } = await createApiKey({ shop: SHOP_A, name: "old" });
  expect(await revokeApiKey({ shop: SHOP_B, id })).toBe(false);
  expect((await send(key, { messages: [{ externalId: "r-1", body: "hi" }] })).status).toBe(200);
  expect(await revokeApiKey({ shop: SHOP_A, id })).toBe(true);
  expect((await send(key, { messages: [{ externalId: "r-2", body: "hi" }] })).status).toBe(401);
});

test.each([
  ["not JSON", "{oops", 400, "not JSON"],
  ["not a batch", { hello: 1 }, 400, "messages"],
  ["an empty batch", { messages: [] }, 400, "empty"],
  ["101 messages", { messages: Array.from({ length: 101 }, (_, i) => ({ externalId: `m${i}`, body: "hi" })) }, 413, "at most 100"],
])("%s answers %#", async (_label, body, status, reason) => {
  const { key } = await createApiKey({ shop: SHOP_A, name: "k" });
  const res = await send(key, body);
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ reason: expect.stringContaining(reason) });
  expect(await prisma.message.count()).toBe(0);
});

test("a body over the byte limit answers 413 before it is parsed", async () => {
  const { key } = await createApiKey({ shop: SHOP_A, name: "k" });
  const res = await send(key, JSON.stringify({ messages: [{ externalId: "big", body: "x".repeat(9 * 1024 * 1024) }] }));
  expect(res.status).toBe(413);
});

test("two shops: a key writes only to its shop and reads only its shop's messages", async () => {
  const a = await createApiKey({ shop: SHOP_A, name: "a" });
  const b = await createApiKey({ shop: SHOP_B, name: "b" });
  await send(b.key, { messages: [{ externalId: "shared-id", body: "B's message about my order" }] });
  const fromA = (await (await send(a.key, { messages: [{ externalId: "shared-id", body: "A's message" }] })).json()) as { results: Result[] };
  // The same external id in another shop is another message, not a duplicate.
  expect(fromA.results[0].status).toBe("created");
  expect(await prisma.message.count({ where: { shop: SHOP_A } })).toBe(1);
  expect(await prisma.message.count({ where: { shop: SHOP_B } })).toBe(1);

  const read = async (key: string) =>
    ((await (await fetch(`${app.baseUrl}/api/v1/messages?externalId=shared-id`, { headers: { Authorization: `Bearer ${key}` } })).json()) as {
      messages: { id: string }[];
    }).messages;
  const [mineA] = await read(a.key);
  const [mineB] = await read(b.key);
  expect(mineA.id).toBe(fromA.results[0].id);
  expect(mineB.id).not.toBe(mineA.id);
  const bRow = await prisma.message.findFirstOrThrow({ where: { shop: SHOP_B } });
  expect(mineB.id).toBe(bRow.id);
});

test("1,000 concurrent messages with 10% malformed: every good one stored exactly once, every bad one reported", async () => {
  const { key } = await createApiKey({ shop: SHOP_A, name: "load" });
  const total = 1_000;
  const messages = Array.from({ length: total }, (_, i) => {
    if (i % 10 === 3) {
      // Three kinds of malformed item, each with a reason to report.
      return i % 30 === 3 ? { externalId: `bulk-${i}`, body: "" } : i % 30 === 13 ? { externalId: `bulk-${i}`, body: "hi", customerEmail: "nope" } : { body: "no id" };
    }
    return { externalId: `bulk-${i}`, customerEmail: `shopper${i}@example.com`, body: `Where is my order #${1040 + (i % 12)}? (${i})` };
  });
  const batches = Array.from({ length: total / 50 }, (_, b) => messages.slice(b * 50, b * 50 + 50));
  // Every batch is sent twice, at the same time: a client retrying after a timeout.
  const responses = await Promise.all([...batches, ...batches].map((batch) => send(key, { messages: batch })));
  // Any other status is listed with its reason (a 500 once told "Unable to start a transaction in the given time").
  const refused = await Promise.all(responses.filter((r) => r.status !== 200).map(async (r) => `${r.status} ${(await r.clone().text()).slice(-300)}`));
  expect(refused).toEqual([]);
  const bodies = (await Promise.all(responses.map((r) => r.json()))) as { results: Result[] }[];

  const good = messages.filter((_, i) => i % 10 !== 3).length;
  const stored = await prisma.message.findMany({ where: { shop: SHOP_A, channel: "api" }, select: { externalId: true } });
  expect(stored).toHaveLength(good);
  expect(new Set(stored.map((m) => m.externalId)).size).toBe(good);

  for (const [n, body] of bodies.entries()) {
    const batchIndex = n % batches.length;
    for (const result of body.results) {
      const i = batchIndex * 50 + result.index;
      if (i % 10 === 3) {
        expect(result.status).toBe("rejected");
        expect(Object.keys(result.errors ?? {}).length).toBeGreaterThan(0);
      } else {
        expect(["created", "duplicate"]).toContain(result.status);
      }
    }
  }
  // Across the two deliveries each good message was created exactly once.
  const created = bodies.flatMap((b) => b.results).filter((r) => r.status === "created");
  expect(created).toHaveLength(good);
}, 300_000);

test("a key over its rate limit gets 429 with Retry-After", async () => {
  const { key } = await createApiKey({ shop: SHOP_B, name: "hammer" });
  const statuses: number[] = [];
  for (let i = 0; i < 125; i++) {
    const res = await fetch(`${app.baseUrl}/api/v1/messages?externalId=none`, { headers: { Authorization: `Bearer ${key}` } });
    statuses.push(res.status);
    if (res.status === 429) {
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      break;
    }
  }
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.filter((s) => s === 200)).toHaveLength(120);
});
