// The conversion report (issue 8, SPEC §6 "Report"). Reads EventRollup only
// (daily aggregates), never the raw ContentEvent rows, so it answers in
// milliseconds over a million events (bench/report/queries.ts).
import prisma from "../db.server.ts";
import { addCounts, deriveMetrics, eachDay, prorateCost, resolveRange, ZERO_COUNTS } from "../core/report/metrics.ts";
import type { Counts, Metrics } from "../core/report/metrics.ts";
import { describeAttribution } from "../core/attribution/attribute.ts";
import { csvLine } from "../core/report/csv.ts";
import { formatDecimal } from "../core/report/money.ts";
import { getAttributionSettings } from "./attribution.server.ts";
import { listCostOptions, listCostsInRange } from "./costs.server.ts";
import { GROUP_BY, type GroupBy } from "../core/report/groups.ts";
import { REPLY_CLICK_PATH } from "../core/inbox/utm.ts";
import { addDays, dayRange, shopDay } from "../core/time/shop-day.ts";
import { shopTimeZone } from "./shop-time-zone.server.ts";

const COLUMN = {
  item: "itemId",
  feed: "feedId",
  campaign: "utmCampaign",
  source: "utmSource",
  medium: "utmMedium",
  reply: "utmContent",
} as const satisfies Record<GroupBy, string>;

export const REPLY_MEDIUM = "reply";

/** Calendar days, both ends inclusive: what the rollups are keyed by. */
type Days = { from: string; to: string };
/** The report's days, in the shop's time zone (the rollups' days; instants need the zone). */
export type Range = Days & { timeZone: string };
export type ReportRow = { key: string; label: string; metrics: Metrics; costKnown: boolean };
export type SeriesPoint = { day: string; impressions: number; clicks: number; orders: number; revenueMinor: number };

const SUM = { impressions: true, plays: true, clicks: true, addToCarts: true, orders: true, assisted: true, revenueMinor: true } as const;

function countsOf(sum: Partial<Record<keyof Counts, number | null>> | null | undefined): Counts {
  return {
    impressions: sum?.impressions ?? 0,
    plays: sum?.plays ?? 0,
    clicks: sum?.clicks ?? 0,
    addToCarts: sum?.addToCarts ?? 0,
    orders: sum?.orders ?? 0,
    assisted: sum?.assisted ?? 0,
    revenueMinor: sum?.revenueMinor ?? 0,
  };
}

function rollupWhere(shop: string, range: Days, groupBy?: GroupBy) {
  return {
    shop,
    day: { gte: range.from, lte: range.to },
    ...(groupBy === "reply" ? { utmMedium: REPLY_MEDIUM } : {}),
  };
}


async function labelsFor({ shop, groupBy, keys }: { shop: string; groupBy: GroupBy; keys: string[] }): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  const labels = new Map<string, string>();
  if (ids.length === 0) return labels;
  if (groupBy === "item") {
    const items = await prisma.contentItem.findMany({ where: { shop, id: { in: ids } }, select: { id: true, title: true } });
    for (const item of items) labels.set(item.id, item.title);
  } else if (groupBy === "feed") {
    const feeds = await prisma.feed.findMany({ where: { shop, id: { in: ids } }, select: { id: true, title: true } });
    for (const feed of feeds) labels.set(feed.id, feed.title);
  } else if (groupBy === "reply") {
    const messages = await prisma.message.findMany({
      where: { shop, id: { in: ids } },
      select: { id: true, subject: true, customerName: true, customerEmail: true, intent: true },
    });
    for (const m of messages) {
      const who = m.customerName ?? m.customerEmail ?? "shopper";
      labels.set(m.id, `${m.subject ?? m.intent ?? "Message"} — ${who}`);
    }
  }
  return labels;
}

function emptyLabel(groupBy: GroupBy) {
  return groupBy === "item" ? "No content item (reply or landing-page credit)" : groupBy === "feed" ? "No feed" : "(not set)";
}

type CostRow = { itemId: string | null; utmCampaign: string | null; startsOn: string; endsOn: string; costMinor: number };

function allocateCosts(costs: CostRow[], groupBy: GroupBy, range: Days) {
  const byKey = new Map<string, number>();
  let total = 0;
  for (const cost of costs) {
    const share = prorateCost(cost, range);
    total += share;
    const key = groupBy === "item" ? cost.itemId : groupBy === "campaign" ? cost.utmCampaign : null;
    if (key) byKey.set(key, (byKey.get(key) ?? 0) + share);
  }
  return { byKey, total, allocates: groupBy === "item" || groupBy === "campaign" };
}

export async function getReportRows({
  shop,
  range,
  groupBy,
  costs: loadedCosts,
}: {
  shop: string;
  range: Range;
  groupBy: GroupBy;
  costs?: CostRow[];
}): Promise<ReportRow[]> {
  const column = COLUMN[groupBy];
  const [groups, costs] = await Promise.all([
    prisma.eventRollup.groupBy({ by: [column], where: rollupWhere(shop, range, groupBy), _sum: SUM }),
    loadedCosts ?? listCostsInRange({ shop, range }),
  ]);
  const keyOf = (g: (typeof groups)[number]) => String((g as Record<string, unknown>)[column] ?? "");
  const labels = await labelsFor({ shop, groupBy, keys: groups.map(keyOf) });
  const { byKey, allocates } = allocateCosts(costs, groupBy, range);
  return groups
    .map((g) => {
      const key = keyOf(g);
      const cost = byKey.get(key) ?? 0;
      return {
        key,
        label: labels.get(key) ?? (key || emptyLabel(groupBy)),
        metrics: deriveMetrics(countsOf(g._sum), cost),
        costKnown: allocates && byKey.has(key),
      };
    })
    .sort((a, b) => b.metrics.revenueMinor - a.metrics.revenueMinor || b.metrics.clicks - a.metrics.clicks || a.key.localeCompare(b.key));
}

export async function getReportSeries({ shop, range }: { shop: string; range: Range }): Promise<SeriesPoint[]> {
  const days = await prisma.eventRollup.groupBy({
    by: ["day"],
    where: rollupWhere(shop, range),
    _sum: { impressions: true, clicks: true, orders: true, revenueMinor: true },
  });
  const byDay = new Map(days.map((d) => [d.day, d._sum]));
  return eachDay(range.from, range.to).map((day) => {
    const s = byDay.get(day);
    return { day, impressions: s?.impressions ?? 0, clicks: s?.clicks ?? 0, orders: s?.orders ?? 0, revenueMinor: s?.revenueMinor ?? 0 };
  });
}

/** Clicks are the reply click tracker's (app/routes/proxy.r.$id.tsx), read from the rollups like every other count. */
export async function getReplyFunnel({ shop, range }: { shop: string; range: Range }) {
  const instants = dayRange(range.from, range.to, range.timeZone);
  const [messages, repliesWithLinks, rollup] = await Promise.all([
    prisma.message.count({ where: { shop, receivedAt: instants } }),
    prisma.reply.count({
      where: {
        shop,
        createdAt: instants,
        OR: [{ body: { contains: `utm_medium=${REPLY_MEDIUM}` } }, { body: { contains: REPLY_CLICK_PATH } }],
      },
    }),
    prisma.eventRollup.aggregate({ where: { ...rollupWhere(shop, range), utmMedium: REPLY_MEDIUM }, _sum: { clicks: true, orders: true, revenueMinor: true } }),
  ]);
  return {
    messages,
    repliesWithLinks,
    clicks: rollup._sum.clicks ?? 0,
    orders: rollup._sum.orders ?? 0,
    revenueMinor: rollup._sum.revenueMinor ?? 0,
  };
}

export async function getReport({ shop, range, groupBy }: { shop: string; range: Range; groupBy: GroupBy }) {
  const costs = await listCostsInRange({ shop, range });
  const [settings, itemRows, groupRows, series, funnel, orderCounts] = await Promise.all([
    getAttributionSettings({ shop }),
    getReportRows({ shop, range, groupBy: "item", costs }),
    groupBy === "item" ? null : getReportRows({ shop, range, groupBy, costs }),
    getReportSeries({ shop, range }),
    getReplyFunnel({ shop, range }),
    prisma.attributedOrder.count({ where: { shop, processedAt: dayRange(range.from, range.to, range.timeZone) } }),
  ]);
  const rows = groupRows ?? itemRows;
  // Every rollup row has one item id (maybe ""), so the item rows partition the range: their sum is the total.
  const totalCounts = itemRows.reduce((sum, r) => addCounts(sum, r.metrics), ZERO_COUNTS);
  const costTotal = allocateCosts(costs, groupBy, range).total;
  const top = itemRows.filter((r) => r.key && (r.metrics.revenueMinor > 0 || r.metrics.clicks > 0)).slice(0, 5);
  return {
    shop,
    range,
    groupBy,
    costs,
    currency: settings.currency,
    attribution: { windowDays: settings.windowDays, model: settings.model, description: describeAttribution(settings) },
    totals: deriveMetrics(totalCounts, costTotal),
    rows,
    top,
    series,
    funnel,
    // Every credited order adds exactly 1 to the rollups' orders on its day.
    orders: { received: orderCounts, attributed: totalCounts.orders },
  };
}

const CSV_HEADER = ["day", "group", "key", "label", "impressions", "plays", "clicks", "ctr", "add_to_carts", "orders", "assisted_orders", "revenue", "currency", "cvr", "aov", "cost", "roas"];
const fixed = (v: number | null, digits = 4) => (v === null ? "" : v.toFixed(digits));

const CSV_CHUNK_DAYS = 31;

/**
 * The report as CSV, one line per day and group, produced a month at a time as
 * the client reads (a pull stream: memory stays flat whatever the range).
 */
export function streamReportCsv({ shop, range, groupBy }: { shop: string; range: Range; groupBy: GroupBy }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const column = COLUMN[groupBy];
  let cursor = range.from;
  let context: { currency: string; labels: Map<string, string>; costs: CostRow[] } | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!context) {
        const [settings, keys, costs] = await Promise.all([
          getAttributionSettings({ shop }),
          prisma.eventRollup.groupBy({ by: [column], where: rollupWhere(shop, range, groupBy) }),
          listCostsInRange({ shop, range }),
        ]);
        const labels = await labelsFor({ shop, groupBy, keys: keys.map((k) => String((k as Record<string, unknown>)[column] ?? "")) });
        context = { currency: settings.currency, labels, costs };
        controller.enqueue(encoder.encode(`# ${describeAttribution(settings)}\r\n` + csvLine(CSV_HEADER)));
        return;
      }
      // A pull that enqueues nothing is not called again: walk on until a chunk has rows or the range ends.
      for (;;) {
        if (cursor > range.to) {
          controller.close();
          return;
        }
        const chunkEnd = addDays(cursor, CSV_CHUNK_DAYS - 1) < range.to ? addDays(cursor, CSV_CHUNK_DAYS - 1) : range.to;
        const grouped = await prisma.eventRollup.groupBy({
          by: ["day", column],
          where: rollupWhere(shop, { from: cursor, to: chunkEnd }, groupBy),
          _sum: SUM,
        });
        const keyOf = (g: (typeof grouped)[number]) => String((g as Record<string, unknown>)[column] ?? "");
        const groups = grouped.sort((a, b) => a.day.localeCompare(b.day) || keyOf(a).localeCompare(keyOf(b)));
        const { currency, labels, costs } = context;
        let text = "";
        for (const g of groups) {
          const key = keyOf(g);
          const day = g.day;
          const { byKey } = allocateCosts(costs, groupBy, { from: day, to: day });
          const m = deriveMetrics(addCounts(ZERO_COUNTS, countsOf(g._sum)), byKey.get(key) ?? 0);
          text += csvLine([
            day, groupBy, key, labels.get(key) ?? (key || emptyLabel(groupBy)),
            m.impressions, m.plays, m.clicks, fixed(m.ctr), m.addToCarts, m.orders, m.assisted,
            formatDecimal(m.revenueMinor, currency), currency, fixed(m.cvr),
            m.aovMinor === null ? "" : formatDecimal(m.aovMinor, currency),
            byKey.has(key) ? formatDecimal(m.costMinor, currency) : "", fixed(m.roas, 2),
          ]);
        }
        cursor = addDays(chunkEnd, 1);
        if (text) {
          controller.enqueue(encoder.encode(text));
          return;
        }
      }
    },
  });
}

/** The report's query string: ?from=YYYY-MM-DD&to=YYYY-MM-DD&group=item|feed|campaign|source|medium|reply */
export function parseReportQuery(url: URL, timeZone: string, now = new Date()): { range: Range; groupBy: GroupBy } {
  const group = url.searchParams.get("group");
  const groupBy = GROUP_BY.find((g) => g === group) ?? "item";
  // "Today" is the shop's today.
  const days = resolveRange({ from: url.searchParams.get("from"), to: url.searchParams.get("to") }, shopDay(now, timeZone));
  return { range: { ...days, timeZone }, groupBy };
}

/** Everything the report page shows. */
export async function loadReportPage({ shop, url }: { shop: string; url: URL }) {
  const { range, groupBy } = parseReportQuery(url, await shopTimeZone(shop));
  const [report, options] = await Promise.all([getReport({ shop, range, groupBy }), listCostOptions({ shop })]);
  return { ...report, costOptions: options.items };
}
