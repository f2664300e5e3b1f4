// Demo data for the conversion report (issue 8): a content library, 1,000,000
// raw storefront events and 10,000 orders over the last 90 days for the demo
// shop. Events go in as multi-row INSERTs inside transactions; the rollups are
// then built from the raw rows once (GROUP BY); orders are credited by the
// real attribution core. SQLite only (the demo database).
//
//   DEMO_EVENTS=1000000 DEMO_ORDERS=10000 node prisma/seed.ts
//
// Skips when the shop already holds the seeded events (same count).
import type { PrismaClient } from "@prisma/client";
import { attributeOrder } from "../../app/core/attribution/attribute.ts";
import { touchesFromOrder } from "../../app/core/attribution/touches.ts";
import type { OrderFacts } from "../../app/core/attribution/touches.ts";
import { shopDay } from "../../app/core/time/shop-day.ts";
import { fixtureProducts } from "../../tests/fixtures/shop.ts";

const DAY_MS = 86_400_000;
const EVENT_BATCH = 5_000;
const BATCHES_PER_TX = 10;
const SEED_PREFIX = "seed-";

/** mulberry32: a small deterministic PRNG, so every demo has the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prisma writes SQLite DateTime as ISO text with an explicit offset; raw rows must match for comparisons. */
const sqlTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const q = (value: string | null) => (value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`);

type DemoItem = { id: string; feedId: string; feedHandle: string; medium: string; productIds: string[]; weight: number };

const LIBRARY: { handle: string; title: string; kind: "video" | "ugc"; items: string[] }[] = [
  { handle: "summer-reels", title: "Summer reels", kind: "video", items: ["Linen dress try-on", "Pour-over morning", "Trail run POV", "Serum routine", "Hoodie layering"] },
  { handle: "customer-photos", title: "Customer photos", kind: "ugc", items: ["@maria in linen", "@wei's desk setup", "@claire on the trail", "@james gym fit"] },
  { handle: "gift-guide", title: "Gift guide", kind: "video", items: ["Gifts under $50", "Self-care picks", "For the runner"] },
];

/** The demo content library: the shop's feeds when it has some (prisma/seed-content.ts), a small one otherwise. */
async function ensureLibrary(prisma: PrismaClient, shop: string): Promise<DemoItem[]> {
  const productId = (i: number) => fixtureProducts[i % fixtureProducts.length].id;
  let n = 0;
  const hasFeeds = (await prisma.feedItem.count({ where: { feed: { shop } } })) > 0;
  for (const feed of hasFeeds ? [] : LIBRARY) {
    const existing = await prisma.feed.findUnique({ where: { shop_handle: { shop, handle: feed.handle } } });
    if (existing) continue;
    const created = await prisma.feed.create({ data: { shop, handle: feed.handle, title: feed.title, kind: feed.kind } });
    for (const [position, title] of feed.items.entries()) {
      const p = fixtureProducts[(n + position) % fixtureProducts.length];
      await prisma.contentItem.create({
        data: {
          shop,
          kind: feed.kind === "video" ? "video" : "image",
          title,
          source: "url",
          url: `/storefront/fixtures/${p.handle}.svg`,
          moderation: "approved",
          feeds: { create: { feedId: created.id, position } },
          products: {
            create: [productId(n + position), productId(n + position + 1)].map((id, i) => {
              const product = fixtureProducts.find((f) => f.id === id) ?? p;
              return { shop, productId: id, handle: product.handle, title: product.title, price: product.price, position: i };
            }),
          },
        },
      });
    }
    n += feed.items.length;
  }
  const feeds = await prisma.feed.findMany({ where: { shop }, include: { items: { include: { item: { include: { products: true } } } } } });
  const items: DemoItem[] = [];
  for (const feed of feeds) {
    for (const fi of feed.items) {
      items.push({
        id: fi.itemId,
        feedId: feed.id,
        feedHandle: feed.handle,
        medium: feed.kind === "video" ? "shoppable_video" : "ugc_gallery",
        productIds: fi.item.products.map((p) => p.productId.replace(/^.*\//, "")),
        weight: 0,
      });
    }
  }
  const rand = random(7);
  for (const item of items) item.weight = 0.3 + rand() * 1.7;
  return items;
}

type Click = { item: DemoItem; utm: Utm; at: number; visitor: string };
type Utm = { source: string; medium: string; campaign: string; content: string };

function pickWeighted<T extends { weight: number }>(list: T[], total: number, r: number): T {
  let x = r * total;
  for (const entry of list) {
    x -= entry.weight;
    if (x <= 0) return entry;
  }
  return list[list.length - 1];
}

async function insertEvents(prisma: PrismaClient, { shop, count, items, endMs }: { shop: string; count: number; items: DemoItem[]; endMs: number }) {
  const rand = random(42);
  const startMs = endMs - 90 * DAY_MS;
  const totalWeight = items.reduce((s, i) => s + i.weight, 0);
  const clicks: Click[] = [];
  const shares: [string, string][] = [["", ""], ["", ""], ["", ""], ["instagram", "social"], ["tiktok", "social"], ["link_in_bio", "social"]];
  // Times drawn first and sorted, so rows arrive in time order and the
  // (shop, occurredAt) index grows at its end. Traffic grows over the 90 days
  // and dips at weekends.
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let at = startMs + Math.sqrt(rand()) * 90 * DAY_MS;
    if (new Date(at).getUTCDay() % 6 === 0 && rand() < 0.25) at = startMs + rand() * 90 * DAY_MS;
    times[i] = Math.min(at, endMs - 60_000);
  }
  times.sort();
  let inserted = 0;
  while (inserted < count) {
    const statements: string[] = [];
    for (let b = 0; b < BATCHES_PER_TX && inserted < count; b++) {
      const rows: string[] = [];
      const n = Math.min(EVENT_BATCH, count - inserted);
      for (let k = 0; k < n; k++) {
        const i = inserted + k;
        const at = times[i];
        const item = pickWeighted(items, totalWeight, rand());
        const r = rand();
        const type = r < 0.7 ? "impression" : r < 0.88 ? "play" : r < 0.97 ? "click" : "add_to_cart";
        const [shareSource, shareMedium] = shares[Math.floor(rand() * shares.length)];
        const utm: Utm = { source: shareSource || "replyreel", medium: shareMedium || item.medium, campaign: item.feedHandle, content: item.id };
        const visitor = `v-${Math.floor(rand() * 150_000)}`;
        const product = type === "add_to_cart" || type === "click" ? item.productIds[Math.floor(rand() * item.productIds.length)] ?? null : null;
        if (type === "click" && clicks.length < 200_000) clicks.push({ item, utm, at, visitor });
        rows.push(
          `(${q(shop)},'${SEED_PREFIX}${String(i).padStart(8, "0")}','${type}',${q(item.feedId)},${q(item.id)},${q(product)},'${visitor}',${q(utm.source)},${q(utm.medium)},${q(utm.campaign)},${q(utm.content)},'${sqlTime(at)}','${sqlTime(at + 2000)}')`,
        );
      }
      statements.push(
        `INSERT INTO "ContentEvent" ("shop","clientEventId","type","feedId","itemId","productId","visitorId","utmSource","utmMedium","utmCampaign","utmContent","occurredAt","receivedAt") VALUES ${rows.join(",")}`,
      );
      inserted += n;
    }
    await prisma.$transaction(statements.map((sql) => prisma.$executeRawUnsafe(sql)));
  }
  return clicks;
}

/** The rollups' engagement columns from the raw rows, once. */
async function buildEventRollups(prisma: PrismaClient, shop: string) {
  await prisma.$executeRawUnsafe(
    `INSERT INTO "EventRollup" ("shop","day","feedId","itemId","utmSource","utmMedium","utmCampaign","utmContent","impressions","plays","clicks","addToCarts","orders","assisted","revenueMinor")
     SELECT "shop", substr("occurredAt",1,10), COALESCE("feedId",''), COALESCE("itemId",''), "utmSource","utmMedium","utmCampaign","utmContent",
       SUM("type"='impression'), SUM("type"='play'), SUM("type"='click'), SUM("type"='add_to_cart'), 0, 0, 0
     FROM "ContentEvent" WHERE "shop" = ${q(shop)} AND "clientEventId" LIKE '${SEED_PREFIX}%'
     GROUP BY 1,2,3,4,5,6,7,8
     ON CONFLICT ("shop","day","feedId","itemId","utmSource","utmMedium","utmCampaign","utmContent") DO UPDATE SET
       "impressions" = "impressions" + excluded."impressions", "plays" = "plays" + excluded."plays",
       "clicks" = "clicks" + excluded."clicks", "addToCarts" = "addToCarts" + excluded."addToCarts"`,
  );
}

async function insertOrders(prisma: PrismaClient, { shop, count, clicks, items, endMs }: { shop: string; count: number; clicks: Click[]; items: DemoItem[]; endMs: number }) {
  const rand = random(99);
  const startMs = endMs - 90 * DAY_MS;
  const itemProducts = Object.fromEntries(items.map((i) => [i.id, i.productIds]));
  const orderRows: string[] = [];
  const creditRows: string[] = [];
  for (let n = 0; n < count; n++) {
    const orderId = String(7_000_000_000 + n);
    const rowId = `seedorder${n}`;
    const product = fixtureProducts[Math.floor(rand() * fixtureProducts.length)];
    let createdAt = startMs + Math.sqrt(rand()) * 90 * DAY_MS;
    const noteAttributes: Record<string, string> = {};
    const lineItems: OrderFacts["lineItems"] = [{ productId: product.id.replace(/^.*\//, ""), properties: {} }];
    let landingSite: string | null = null;
    const r = rand();
    if (r < 0.68 && clicks.length > 0) {
      // A click, then an order within (mostly) the window: 8% come too late to
      // count. A click whose order would fall after now is drawn again.
      let click = clicks[Math.floor(rand() * clicks.length)];
      createdAt = click.at + (rand() < 0.92 ? rand() * 6.9 : 7.1 + rand() * 3) * DAY_MS;
      for (let retry = 0; createdAt > endMs - 1000 && retry < 20; retry++) {
        click = clicks[Math.floor(rand() * clicks.length)];
        createdAt = click.at + (rand() < 0.92 ? rand() * 6.9 : 7.1 + rand() * 3) * DAY_MS;
      }
      noteAttributes._rr_touch = JSON.stringify({ item: click.item.id, feed: click.item.feedId, utm: click.utm, t: Math.round(click.at), v: click.visitor });
      if (rand() < 0.6) lineItems[0] = { productId: click.item.productIds[0] ?? null, properties: rand() < 0.5 ? { _rr_item: click.item.id } : {} };
    } else if (r < 0.74) {
      landingSite = `/products/${product.handle}?utm_source=replyreel&utm_medium=reply&utm_campaign=${rand() < 0.5 ? "order_status" : "product_question"}&utm_content=demo-message-${Math.floor(rand() * 400)}`;
    }
    createdAt = Math.min(createdAt, endMs - 1000);
    const totalMinor = Math.round(Number(product.price) * 100) * (1 + Math.floor(rand() * 2));
    const refundedMinor = rand() < 0.04 ? Math.round(totalMinor / 2) : 0;
    const facts: OrderFacts = { id: orderId, name: `#${20000 + n}`, createdAt, totalMinor, refundedMinor, currency: "USD", lineItems, noteAttributes, landingSite };
    const result = attributeOrder({ order: facts, touches: touchesFromOrder(facts), itemProducts, windowDays: 7 });
    const refunds = refundedMinor ? JSON.stringify({ [`r${n}`]: refundedMinor }) : "{}";
    orderRows.push(
      `(${q(rowId)},${q(shop)},${q(orderId)},${q(facts.name)},'USD',${totalMinor},${refundedMinor},${q(refunds)},'last_touch','${shopDay(createdAt)}',${q(`shopper${n % 3000}@example.com`)},${q(landingSite)},'${sqlTime(createdAt)}','${sqlTime(createdAt)}')`,
    );
    result.credits.forEach((c, k) => {
      creditRows.push(
        `(${q(`${rowId}c${k}`)},${q(shop)},${q(rowId)},'${c.model}','${c.kind}','${c.signal}',${q(c.feedId)},${q(c.itemId)},${q(c.replyMessageId)},${q(c.utm.source)},${q(c.utm.medium)},${q(c.utm.campaign)},${q(c.utm.content)},${c.revenueMinor},${c.touchAt === null ? "NULL" : `'${sqlTime(c.touchAt)}'`})`,
      );
    });
  }
  const statements: string[] = [];
  for (let i = 0; i < orderRows.length; i += 2000) {
    statements.push(
      `INSERT INTO "AttributedOrder" ("id","shop","orderId","orderName","currency","totalMinor","refundedMinor","refunds","rolledModel","rolledDay","customerEmail","landingSite","processedAt","createdAt") VALUES ${orderRows.slice(i, i + 2000).join(",")}`,
    );
  }
  for (let i = 0; i < creditRows.length; i += 2000) {
    statements.push(
      `INSERT INTO "OrderCredit" ("id","shop","orderRowId","model","kind","signal","feedId","itemId","replyMessageId","utmSource","utmMedium","utmCampaign","utmContent","revenueMinor","touchAt") VALUES ${creditRows.slice(i, i + 2000).join(",")}`,
    );
  }
  // The orders columns of the rollups, from the credits of the applied model.
  statements.push(
    `INSERT INTO "EventRollup" ("shop","day","feedId","itemId","utmSource","utmMedium","utmCampaign","utmContent","impressions","plays","clicks","addToCarts","orders","assisted","revenueMinor")
     SELECT o."shop", o."rolledDay", c."feedId", c."itemId", c."utmSource", c."utmMedium", c."utmCampaign", c."utmContent", 0, 0, 0, 0,
       COUNT(*), SUM(c."kind" = 'assisted'), SUM(c."revenueMinor")
     FROM "OrderCredit" c JOIN "AttributedOrder" o ON o."id" = c."orderRowId"
     WHERE c."shop" = ${q(shop)} AND o."shop" = ${q(shop)} AND o."id" LIKE 'seedorder%' AND c."model" = o."rolledModel"
     GROUP BY 1,2,3,4,5,6,7,8
     ON CONFLICT ("shop","day","feedId","itemId","utmSource","utmMedium","utmCampaign","utmContent") DO UPDATE SET
       "orders" = "orders" + excluded."orders", "assisted" = "assisted" + excluded."assisted", "revenueMinor" = "revenueMinor" + excluded."revenueMinor"`,
  );
  await prisma.$transaction(statements.map((sql) => prisma.$executeRawUnsafe(sql)));
  return { credited: orderRows.length, credits: creditRows.length };
}

export async function seedDemoEvents(
  prisma: PrismaClient,
  { shop, events = 1_000_000, orders = 10_000, now = Date.now(), log = console.log }: { shop: string; events?: number; orders?: number; now?: number; log?: (line: string) => void },
) {
  if (events <= 0 && orders <= 0) return { skipped: true, seconds: 0 };
  const existing = await prisma.contentEvent.count({ where: { shop, clientEventId: { startsWith: SEED_PREFIX } } });
  if (existing >= events && existing > 0) {
    log(`report demo data already present (${existing.toLocaleString("en-US")} events), skipped`);
    return { skipped: true, seconds: 0 };
  }
  const started = performance.now();
  // A bigger page cache for the bulk load (this connection only; the app's own connections keep their defaults).
  await prisma.$queryRawUnsafe("PRAGMA cache_size = -262144");
  const items = await ensureLibrary(prisma, shop);
  const endMs = now;
  // The secondary indexes are rebuilt once from the loaded rows rather than
  // updated row by row (visitor order is random): read their SQL, drop, load,
  // recreate. An interrupted seed leaves a database to delete, not to reuse.
  const indexes = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ContentEvent' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const index of indexes) await prisma.$executeRawUnsafe(`DROP INDEX IF EXISTS "${index.name}"`);
  let clicks: Click[];
  try {
    clicks = await insertEvents(prisma, { shop, count: events, items, endMs });
  } finally {
    for (const index of indexes) await prisma.$executeRawUnsafe(index.sql);
  }
  const eventsDone = performance.now();
  await buildEventRollups(prisma, shop);
  const rollupsDone = performance.now();
  const result = await insertOrders(prisma, { shop, count: orders, clicks, items, endMs });
  // A cost per feed campaign over the 90 days, so ROAS has something to show.
  const campaigns = [...new Set(items.map((i) => i.feedHandle))];
  await prisma.contentCost.createMany({
    data: campaigns.map((utmCampaign, i) => ({
      shop,
      utmCampaign,
      startsOn: shopDay(endMs - 89 * DAY_MS),
      endsOn: shopDay(endMs),
      costMinor: (i + 2) * 250_000,
      note: "demo: creator fees and boosting",
    })),
  });
  const seconds = (performance.now() - started) / 1000;
  log(
    `report demo data: ${events.toLocaleString("en-US")} events in ${((eventsDone - started) / 1000).toFixed(1)} s, rollups in ${((rollupsDone - eventsDone) / 1000).toFixed(1)} s, ` +
      `${orders.toLocaleString("en-US")} orders (${result.credits.toLocaleString("en-US")} credits) in ${((performance.now() - rollupsDone) / 1000).toFixed(1)} s; total ${seconds.toFixed(1)} s`,
  );
  return { skipped: false, seconds };
}
