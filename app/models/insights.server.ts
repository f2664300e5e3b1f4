// Insights (issue 6, item 6): what the inbox received and how well it was
// answered over a date range. Every query is scoped by shop and a received-at
// range, so it runs on the (shop, receivedAt) and (shop, intent, receivedAt)
// indexes; the figures are computed in app/core/learning.
import { z } from "zod";
import prisma from "../db.server.ts";
import { confusionMatrix, dayBuckets, median } from "../core/learning/metrics.ts";
import { addDays, dayRange, daysInclusive, DEFAULT_TIME_ZONE, shopDay } from "../core/time/shop-day.ts";
import type { Confusion } from "../core/learning/metrics.ts";
import { groupBySimilarity } from "../core/learning/grouping.ts";
import type { MessageGroup } from "../core/learning/grouping.ts";

const MAX_DAYS = 366;
const TOP_INTENTS = 6;
/** Messages a person handled: their final intent is confirmed (or was corrected). */
const REVIEWED_STATUSES = ["sent", "resolved", "spam"];

const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "is not a date (YYYY-MM-DD)")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "is not a date");

export const InsightsRangeSchema = z
  .object({ from: IsoDay.optional(), to: IsoDay.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { path: ["from"], message: "is after the end date" });

export type InsightsRange = { from: Date; to: Date; fromDay: string; toDay: string; timeZone: string };

/** The range from ?from=&to= (inclusive days in the shop's zone); the last 30 days by default; at most a year. */
export function parseInsightsRange(
  params: URLSearchParams,
  timeZone: string = DEFAULT_TIME_ZONE,
  now = new Date(),
): { range: InsightsRange; error: string | null } {
  const parsed = InsightsRangeSchema.safeParse({ from: params.get("from") || undefined, to: params.get("to") || undefined });
  const values = parsed.success ? parsed.data : {};
  const toDay = values.to ?? shopDay(now, timeZone);
  let fromDay = values.from ?? addDays(toDay, -29);
  if (daysInclusive(fromDay, toDay) > MAX_DAYS) fromDay = addDays(toDay, -(MAX_DAYS - 1));
  const error = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
  const instants = dayRange(fromDay, toDay, timeZone);
  return { range: { from: instants.gte, to: instants.lt, fromDay, toDay, timeZone }, error };
}

export type IntentSeries = { buckets: { label: string; counts: Record<string, number> }[]; intents: string[] };

export type Insights = {
  range: { from: string; to: string };
  total: number;
  series: IntentSeries;
  languages: { language: string; count: number }[];
  autoReply: { autoSent: number; answerable: number; rate: number | null };
  firstResponse: { medianMs: number | null; measured: number };
  accuracy: Confusion & { corrections: number };
  unknown: { total: number; groups: MessageGroup[] };
};

function firstAlternative(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const list = JSON.parse(raw) as unknown;
    if (Array.isArray(list) && list[0] && typeof list[0] === "object" && typeof (list[0] as { label?: unknown }).label === "string") {
      return (list[0] as { label: string }).label;
    }
  } catch {
    // An unreadable alternatives column gives no guess.
  }
  return null;
}

export async function getInsights({ shop, range }: { shop: string; range: InsightsRange }): Promise<Insights> {
  const inRange = { shop, receivedAt: { gte: range.from, lt: range.to } };
  const buckets = dayBuckets(range.fromDay, range.toDay, range.timeZone);

  const [byIntent, byLanguage, byStatus, perBucket, responses, corrections, unknownRows, unknownTotal] = await Promise.all([
    prisma.message.groupBy({ by: ["intent"], where: inRange, _count: { _all: true } }),
    prisma.message.groupBy({ by: ["language"], where: inRange, _count: { _all: true } }),
    prisma.message.groupBy({ by: ["status"], where: inRange, _count: { _all: true } }),
    Promise.all(
      buckets.map((b) =>
        prisma.message.groupBy({ by: ["intent"], where: { shop, receivedAt: { gte: b.start, lt: b.end } }, _count: { _all: true } }),
      ),
    ),
    prisma.message.findMany({
      where: { ...inRange, firstResponseAt: { not: null } },
      select: { receivedAt: true, firstResponseAt: true },
      orderBy: { receivedAt: "desc" },
      take: 20_000,
    }),
    // Corrections come after the message arrived: from the range's start on, kept below when their message is in the range.
    prisma.intentExample.findMany({
      where: { shop, createdAt: { gte: range.from }, messageId: { not: null } },
      select: { messageId: true, predicted: true, label: true },
      orderBy: { createdAt: "desc" },
      take: 5_000,
    }),
    prisma.message.findMany({
      where: { ...inRange, intent: "unknown", status: { not: "spam" } },
      select: { id: true, subject: true, body: true, alternatives: true },
      orderBy: { receivedAt: "desc" },
      take: 500,
    }),
    prisma.message.count({ where: { ...inRange, intent: "unknown", status: { not: "spam" } } }),
  ]);

  const total = byIntent.reduce((n, row) => n + row._count._all, 0);
  const ranked = byIntent
    .filter((row) => row.intent)
    .sort((a, b) => b._count._all - a._count._all || String(a.intent).localeCompare(String(b.intent)))
    .map((row) => row.intent as string);
  const top = ranked.slice(0, TOP_INTENTS);
  const series: IntentSeries = {
    intents: ranked.length > TOP_INTENTS ? [...top, "other"] : top,
    buckets: buckets.map((bucket, i) => {
      const counts: Record<string, number> = {};
      for (const row of perBucket[i]) {
        const key = row.intent && top.includes(row.intent) ? row.intent : row.intent ? "other" : null;
        if (key) counts[key] = (counts[key] ?? 0) + row._count._all;
      }
      return { label: bucket.label, counts };
    }),
  };

  const status = Object.fromEntries(byStatus.map((row) => [row.status, row._count._all]));
  const answerable = total - (status.spam ?? 0);
  const autoSent = status.auto_sent ?? 0;

  const waits = responses.map((r) => (r.firstResponseAt as Date).getTime() - r.receivedAt.getTime()).filter((ms) => ms >= 0);

  // Accuracy: corrected messages count as (first prediction → corrected label);
  // handled messages nobody corrected count as right.
  const candidateIds = corrections.flatMap((c) => (c.messageId ? [c.messageId] : []));
  const inRangeIds =
    candidateIds.length > 0
      ? new Set((await prisma.message.findMany({ where: { ...inRange, id: { in: candidateIds } }, select: { id: true } })).map((m) => m.id))
      : new Set<string>();
  const corrected = corrections.filter((c) => c.messageId && inRangeIds.has(c.messageId));
  const correctedIds = corrected.map((c) => c.messageId as string);
  const confirmed = await prisma.message.groupBy({
    by: ["intent"],
    where: { ...inRange, status: { in: REVIEWED_STATUSES }, intent: { not: null }, ...(correctedIds.length > 0 ? { id: { notIn: correctedIds } } : {}) },
    _count: { _all: true },
  });
  const accuracy = confusionMatrix([
    ...corrected.map((c) => ({ predicted: c.predicted ?? "unknown", actual: c.label, count: 1 })),
    ...confirmed.map((row) => ({ predicted: row.intent as string, actual: row.intent as string, count: row._count._all })),
  ]);

  const groups = groupBySimilarity(
    unknownRows.map((m) => ({ id: m.id, text: m.subject ? `${m.subject}\n${m.body}` : m.body, guess: firstAlternative(m.alternatives) })),
    { maxGroups: 20 },
  ).map((g) => ({ ...g, samples: g.samples.map((s) => (s.length > 240 ? `${s.slice(0, 240)}…` : s)) }));

  return {
    range: { from: range.fromDay, to: range.toDay },
    total,
    series,
    languages: byLanguage
      .map((row) => ({ language: row.language ?? "other", count: row._count._all }))
      .sort((a, b) => b.count - a.count),
    autoReply: { autoSent, answerable, rate: answerable > 0 ? autoSent / answerable : null },
    firstResponse: { medianMs: median(waits), measured: waits.length },
    accuracy: { ...accuracy, corrections: corrected.length },
    unknown: { total: unknownTotal, groups },
  };
}
