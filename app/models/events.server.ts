// Storing storefront content events exactly once and keeping EventRollup's
// engagement counters (impressions, plays, clicks, addToCarts) in step, in one
// transaction: a re-sent batch inserts nothing and counts nothing (issue 7).
// The orders/revenue columns of EventRollup belong to attribution (issue 8).
//
// Throughput (SPEC §7: 2,000 events/s on one instance): concurrent requests are
// group-committed. Batches that arrive while a write is running wait for the
// next one, which stores them all in one transaction of two statements: one
// multi-row INSERT … ON CONFLICT DO NOTHING RETURNING (the unique index on
// shop × clientEventId decides what is new, also against another instance on
// PostgreSQL) and one multi-row rollup upsert-increment for the rows it returned.
import { Prisma } from "@prisma/client";
import prisma, { isPostgres } from "../db.server.ts";
import { rollupDeltas, type ValidContentEvent } from "../core/content/events.ts";
import { shopTimeZone } from "./shop-time-zone.server.ts";

export type RecordResult = { stored: number; duplicates: number };
type Pending = { shop: string; events: ValidContentEvent[]; resolve: (r: RecordResult) => void; reject: (e: unknown) => void };

// SQLite keeps DateTime as text in Prisma's format; PostgreSQL takes a Date for timestamp(3).
const toDbTime = (date: Date) => (isPostgres() ? date : date.toISOString().replace("Z", "+00:00"));
const ROWS_PER_STATEMENT = 1000; // 13 parameters a row: well under SQLite's and PostgreSQL's limits

async function writeGroup(group: Pending[]): Promise<RecordResult[]> {
  // The first copy of shop × clientEventId in the group is the one that may be new.
  const rows: { shop: string; event: ValidContentEvent }[] = [];
  const claimed = new Set<string>();
  for (const pending of group) {
    for (const event of pending.events) {
      const key = `${pending.shop}\u0000${event.clientEventId}`;
      if (claimed.has(key)) continue;
      claimed.add(key);
      rows.push({ shop: pending.shop, event });
    }
  }
  const receivedAt = toDbTime(new Date());
  // Rollup days are the shop's days (a short per-shop cache: no query on a busy shop's batches).
  const zones = new Map<string, string>();
  for (const pending of group) if (!zones.has(pending.shop)) zones.set(pending.shop, await shopTimeZone(pending.shop));
  // SQLite commits block Node's event loop (libsql runs them on the main thread). In WAL
  // mode (app/db.server.ts) with synchronous=NORMAL, SQLite's recommended pairing, a
  // commit is a WAL append without fsync: no corruption on power loss, though the last
  // commits before a power cut (never an app crash) may be lost. It is a per-connection
  // setting that cannot change inside a transaction, so it is set on the connection
  // @libsql/client hands to the next transaction (it opens a new one after each).
  if (!isPostgres()) await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  const inserted = await prisma.$transaction(async (tx) => {
    const fresh = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const values = rows.slice(i, i + ROWS_PER_STATEMENT).map(
        ({ shop, event: e }) =>
          Prisma.sql`(${shop}, ${e.clientEventId}, ${e.type}, ${e.feedId}, ${e.itemId}, ${e.productId}, ${e.visitorId}, ${e.utm.source}, ${e.utm.medium}, ${e.utm.campaign}, ${e.utm.content}, ${toDbTime(e.occurredAt)}, ${receivedAt})`,
      );
      const returned = await tx.$queryRaw<{ shop: string; clientEventId: string }[]>(Prisma.sql`
        INSERT INTO "ContentEvent" ("shop", "clientEventId", "type", "feedId", "itemId", "productId", "visitorId", "utmSource", "utmMedium", "utmCampaign", "utmContent", "occurredAt", "receivedAt")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("shop", "clientEventId") DO NOTHING
        RETURNING "shop", "clientEventId"`);
      for (const r of returned) fresh.add(`${r.shop}\u0000${r.clientEventId}`);
    }
    const byShop = new Map<string, ValidContentEvent[]>();
    for (const { shop, event } of rows) {
      if (!fresh.has(`${shop}\u0000${event.clientEventId}`)) continue;
      byShop.set(shop, [...(byShop.get(shop) ?? []), event]);
    }
    const deltas = [...byShop].flatMap(([shop, events]) => rollupDeltas(events, zones.get(shop)).map((d) => ({ shop, ...d })));
    for (let i = 0; i < deltas.length; i += ROWS_PER_STATEMENT) {
      const values = deltas.slice(i, i + ROWS_PER_STATEMENT).map(
        (d) =>
          Prisma.sql`(${d.shop}, ${d.day}, ${d.feedId}, ${d.itemId}, ${d.utmSource}, ${d.utmMedium}, ${d.utmCampaign}, ${d.utmContent}, ${d.impressions}, ${d.plays}, ${d.clicks}, ${d.addToCarts})`,
      );
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO "EventRollup" ("shop", "day", "feedId", "itemId", "utmSource", "utmMedium", "utmCampaign", "utmContent", "impressions", "plays", "clicks", "addToCarts")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("shop", "day", "feedId", "itemId", "utmSource", "utmMedium", "utmCampaign", "utmContent") DO UPDATE SET
          "impressions" = "EventRollup"."impressions" + excluded."impressions",
          "plays" = "EventRollup"."plays" + excluded."plays",
          "clicks" = "EventRollup"."clicks" + excluded."clicks",
          "addToCarts" = "EventRollup"."addToCarts" + excluded."addToCarts"`);
    }
    return fresh;
  });
  // Each request's share: its events that this write inserted (and claimed first).
  const credited = new Set<string>();
  return group.map(({ shop, events }) => {
    let stored = 0;
    for (const e of events) {
      const key = `${shop}\u0000${e.clientEventId}`;
      if (inserted.has(key) && !credited.has(key)) {
        credited.add(key);
        stored += 1;
      }
    }
    return { stored, duplicates: events.length - stored };
  });
}

let queue: Pending[] = [];
let writing = false;

async function drain() {
  writing = true;
  while (queue.length > 0) {
    const group = queue;
    queue = [];
    try {
      const results = await writeGroup(group);
      group.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        continue;
      }
      // One bad batch must not fail its neighbours: write each on its own.
      for (const p of group) {
        try {
          p.resolve((await writeGroup([p]))[0]);
        } catch (single) {
          p.reject(single);
        }
      }
    }
  }
  writing = false;
}

/**
 * Stores the shop's new events (deduplicated on shop × clientEventId) and
 * increments the rollups for those only. Resolves when the events are committed.
 */
export function recordContentEvents({ shop, events }: { shop: string; events: ValidContentEvent[] }): Promise<RecordResult> {
  if (events.length === 0) return Promise.resolve({ stored: 0, duplicates: 0 });
  return new Promise((resolve, reject) => {
    queue.push({ shop, events, resolve, reject });
    if (!writing) void drain();
  });
}

/** The web pixel's checkout report: the order id with the touches the blocks published. Stored once per order. */
export async function recordPixelCheckout({ shop, orderId, touches }: { shop: string; orderId: string; touches: unknown[] }) {
  await prisma.pixelCheckout.upsert({
    where: { shop_orderId: { shop, orderId } },
    create: { shop, orderId, touches: JSON.stringify(touches) },
    update: {},
  });
}
