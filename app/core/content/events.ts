// Storefront content events (issue 7): the batch the blocks send to
// POST /apps/replyreel/events, validated with zod, and the per-day rollup
// counts derived from the events that were newly stored.
import { z } from "zod";
import { normalizeUtmValue, type UtmSet } from "./utm.ts";
import { DEFAULT_TIME_ZONE, shopDay } from "../time/shop-day.ts";

export const EVENT_TYPES = ["impression", "play", "click", "add_to_cart"] as const;
export type ContentEventType = (typeof EVENT_TYPES)[number];
export const MAX_EVENTS_PER_BATCH = 50;
export const MAX_BATCH_BYTES = 64 * 1024; // fetch keepalive bodies are capped at 64 KiB too
// A client clock may be off, and a tab may flush a queue it kept offline.
const MAX_PAST_MS = 7 * 86_400_000;
const MAX_FUTURE_MS = 10 * 60_000;

const id = z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, "letters, digits and _:.- only, at most 64");
const tag = z.string().max(100).optional().default("").transform(normalizeUtmValue);

export const ContentEventSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "a client event id of 8–64 letters, digits, _ or -"),
  type: z.enum(EVENT_TYPES),
  feed: id.optional(),
  item: id.optional(),
  product: z.string().regex(/^(gid:\/\/shopify\/Product\/)?\d{1,20}$/, "a Shopify product id").optional(),
  visitor: id.optional(),
  utm: z.object({ source: tag, medium: tag, campaign: tag, content: tag }).optional(),
  at: z.number().int().positive(),
});

export type ClientContentEvent = z.infer<typeof ContentEventSchema>;

export type ValidContentEvent = {
  clientEventId: string;
  type: ContentEventType;
  feedId: string | null;
  itemId: string | null;
  productId: string | null;
  visitorId: string | null;
  utm: UtmSet;
  occurredAt: Date;
};

export type BatchParseResult =
  | { ok: false; reason: string }
  | { ok: true; events: ValidContentEvent[]; rejected: { index: number; reason: string }[] };

const BatchShape = z.object({ events: z.array(z.unknown()) });

/**
 * Splits a batch into the events that can be stored and the indexes that cannot,
 * so one bad event never costs its neighbours (SPEC §8). The batch itself is bad
 * (ok: false) only when it is not `{ events: [...] }`, is empty or too long.
 */
export function parseEventBatch(body: unknown, now = Date.now()): BatchParseResult {
  const shape = BatchShape.safeParse(body);
  if (!shape.success) return { ok: false, reason: 'expected a JSON object { "events": [...] }' };
  const raw = shape.data.events;
  if (raw.length === 0) return { ok: false, reason: "the batch has no events" };
  if (raw.length > MAX_EVENTS_PER_BATCH) {
    return { ok: false, reason: `a batch holds at most ${MAX_EVENTS_PER_BATCH} events (got ${raw.length})` };
  }
  const events: ValidContentEvent[] = [];
  const rejected: { index: number; reason: string }[] = [];
  const seen = new Set<string>();
  raw.forEach((candidate, index) => {
    const parsed = ContentEventSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ index, reason: `${issue.path.join(".") || "event"}: ${issue.message}` });
      return;
    }
    const e = parsed.data;
    if (e.at < now - MAX_PAST_MS || e.at > now + MAX_FUTURE_MS) {
      rejected.push({ index, reason: "at: outside the accepted window (7 days back, 10 minutes ahead)" });
      return;
    }
    if (seen.has(e.id)) return; // the same event twice in one batch is stored once
    seen.add(e.id);
    events.push({
      clientEventId: e.id,
      type: e.type,
      feedId: e.feed ?? null,
      itemId: e.item ?? null,
      productId: e.product ?? null,
      visitorId: e.visitor ?? null,
      utm: e.utm ?? { source: "", medium: "", campaign: "", content: "" },
      occurredAt: new Date(e.at),
    });
  });
  return { ok: true, events, rejected };
}

export type RollupCounts = { impressions: number; plays: number; clicks: number; addToCarts: number };
export type RollupKey = {
  day: string;
  feedId: string;
  itemId: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
};
export type RollupDelta = RollupKey & RollupCounts;

const counter: Record<ContentEventType, keyof RollupCounts> = {
  impression: "impressions",
  play: "plays",
  click: "clicks",
  add_to_cart: "addToCarts",
};

/** Sums events per day in the shop's time zone × feed × item × UTM set: one upsert-increment per group. */
export function rollupDeltas(
  events: Pick<ValidContentEvent, "type" | "feedId" | "itemId" | "utm" | "occurredAt">[],
  timeZone: string = DEFAULT_TIME_ZONE,
): RollupDelta[] {
  const groups = new Map<string, RollupDelta>();
  for (const e of events) {
    const key: RollupKey = {
      day: shopDay(e.occurredAt, timeZone),
      feedId: e.feedId ?? "",
      itemId: e.itemId ?? "",
      utmSource: e.utm.source,
      utmMedium: e.utm.medium,
      utmCampaign: e.utm.campaign,
      utmContent: e.utm.content,
    };
    const name = Object.values(key).join("\u0000");
    let group = groups.get(name);
    if (!group) {
      group = { ...key, impressions: 0, plays: 0, clicks: 0, addToCarts: 0 };
      groups.set(name, group);
    }
    group[counter[e.type]] += 1;
  }
  return [...groups.values()];
}
