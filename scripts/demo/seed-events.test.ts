// The report's demo seed (issue 8), small: the rollups it builds from the raw
// events agree with those events, and its orders agree with their credits.
import { beforeEach, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { resetDatabase } from "../../tests/support/database.ts";
import { seedDemoEvents } from "./seed-events.ts";

const SHOP = "seed-test.myshopify.com";
const sqliteOnly = process.env.TEST_DATABASE === "postgres" ? test.skip : test;

beforeEach(async () => {
  await resetDatabase(prisma);
});

sqliteOnly("rollups equal the raw events per type; rollup orders and revenue equal the last-touch credits", async () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const result = await seedDemoEvents(prisma, { shop: SHOP, events: 20_000, orders: 500, now, log: () => {} });
  expect(result.skipped).toBe(false);
  expect(await prisma.contentEvent.count({ where: { shop: SHOP } })).toBe(20_000);
  expect(await prisma.attributedOrder.count({ where: { shop: SHOP } })).toBe(500);

  const raw = await prisma.contentEvent.groupBy({ by: ["type"], where: { shop: SHOP }, _count: { _all: true } });
  const count = (type: string) => raw.find((r) => r.type === type)?._count._all ?? 0;
  const sums = (await prisma.eventRollup.aggregate({ where: { shop: SHOP }, _sum: { impressions: true, plays: true, clicks: true, addToCarts: true, orders: true, revenueMinor: true } }))._sum;
  expect([sums.impressions, sums.plays, sums.clicks, sums.addToCarts]).toEqual([count("impression"), count("play"), count("click"), count("add_to_cart")]);

  const lastTouch = await prisma.orderCredit.aggregate({ where: { shop: SHOP, model: "last_touch" }, _count: { _all: true }, _sum: { revenueMinor: true } });
  expect(lastTouch._count._all).toBeGreaterThan(0);
  expect(lastTouch._count._all).toBeLessThan(500);
  expect(sums.orders).toBe(lastTouch._count._all);
  expect(sums.revenueMinor).toBe(lastTouch._sum.revenueMinor);

  // Every event is inside the 90 days before `now`.
  const oldest = await prisma.contentEvent.findFirst({ where: { shop: SHOP }, orderBy: { occurredAt: "asc" } });
  expect(oldest!.occurredAt.getTime()).toBeGreaterThanOrEqual(now - 90 * 86_400_000);

  // No order in the future; a cost per feed campaign for ROAS.
  expect(await prisma.attributedOrder.count({ where: { shop: SHOP, processedAt: { gt: new Date(now) } } })).toBe(0);
  const feeds = await prisma.feed.count({ where: { shop: SHOP } });
  expect(await prisma.contentCost.count({ where: { shop: SHOP, utmCampaign: { not: null } } })).toBe(feeds);

  // A second run finds the data and skips.
  expect((await seedDemoEvents(prisma, { shop: SHOP, events: 20_000, orders: 500, now, log: () => {} })).skipped).toBe(true);
});
