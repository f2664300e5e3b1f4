// The inbox admin (issue 6 items 1 and 2): the list with its filters, search
// and keyset pagination, the counts per status, a message with its thread and
// context, and the bulk actions. Ordering is "most urgent first, then the one
// waiting longest": priorityScore desc, receivedAt asc, id asc — a keyset the
// index Message(shop, status, priorityScore, receivedAt) serves.
import type { Message, Prisma } from "@prisma/client";
import { z } from "zod";
import prisma, { isPostgres } from "../db.server.ts";
import { addDays, dayStart, DEFAULT_TIME_ZONE } from "../core/time/shop-day.ts";
import { shopTimeZone } from "./shop-time-zone.server.ts";
import type { Alternative } from "../core/classifier/classifier.ts";
import type { Entity } from "../core/intents/entities.ts";
import type { StoredOrderContext } from "../core/inbox/order-context.ts";
import { TEMPLATE_INTENTS } from "../core/inbox/intents.ts";
import { DETECTED_LANGUAGES } from "../core/intents/language.ts";
import { getConversation } from "./conversations.server.ts";
import { correctIntent, IntentLabelSchema, markSpam, resolveMessage } from "./replies.server.ts";

export const MESSAGE_STATUSES = ["new", "suggested", "auto_sent", "sent", "resolved", "spam"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** The tabs of the list: "open" is what still needs a person (new and suggested). */
export const STATUS_VIEWS = ["open", "all", ...MESSAGE_STATUSES] as const;
export type StatusView = (typeof STATUS_VIEWS)[number];
const OPEN_STATUSES = ["new", "suggested"] as const;
export const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
export const LIST_CHANNELS = ["contact_form", "email", "import", "api"] as const;
export const PAGE_SIZE = 50;

const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional()) as unknown as z.ZodOptional<T>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "is not a date (YYYY-MM-DD)");

/** The list's query string: every key optional; unknown values are a 400, not a crash. */
export const InboxFilterSchema = z.object({
  status: optionalFilter(z.enum(STATUS_VIEWS)).default("open"),
  intent: optionalFilter(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "is not an intent label")),
  priority: optionalFilter(z.enum(PRIORITIES)),
  channel: optionalFilter(z.enum(LIST_CHANNELS)),
  language: optionalFilter(z.string().regex(/^[a-z]{2,3}$|^other$/, "is not a language code")),
  from: optionalFilter(day),
  to: optionalFilter(day),
  q: optionalFilter(z.string().trim().max(200)),
});
export type InboxFilter = z.infer<typeof InboxFilterSchema>;

/** Reads the filters from a URL's search params (only the keys the schema knows). */
export function parseInboxFilter(params: URLSearchParams): { ok: true; filter: InboxFilter } | { ok: false; error: string } {
  const raw = Object.fromEntries(Object.keys(InboxFilterSchema.shape).map((key) => [key, params.get(key) ?? undefined]));
  const parsed = InboxFilterSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
    };
  return { ok: true, filter: parsed.data };
}

/** The filter as query-string pairs (defaults left out), for links that keep the list's view. */
export function filterToParams(filter: InboxFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || (key === "status" && value === "open")) continue;
    params.set(key, String(value));
  }
  return params;
}

type Cursor = { s: number; r: number; id: string };

const CursorSchema = z.object({
  s: z.number(),
  r: z.number().int(),
  id: z.string().min(1).max(64),
});

export function encodeCursor(message: Pick<Message, "priorityScore" | "receivedAt" | "id">): string {
  return Buffer.from(
    JSON.stringify({
      s: message.priorityScore,
      r: message.receivedAt.getTime(),
      id: message.id,
    } satisfies Cursor)
  ).toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function statusWhere(view: StatusView): Prisma.MessageWhereInput {
  if (view === "all") return {};
  if (view === "open") return { status: { in: [...OPEN_STATUSES] } };
  return { status: view };
}

function filterWhere(shop: string, filter: InboxFilter, timeZone: string): Prisma.MessageWhereInput {
  const and: Prisma.MessageWhereInput[] = [];
  if (filter.q) {
    // SQLite's LIKE ignores ASCII case; PostgreSQL needs `mode: "insensitive"` (which the SQLite client refuses).
    const contains = { contains: filter.q, ...(isPostgres() ? { mode: "insensitive" } : {}) } as Prisma.StringFilter<"Message">;
    and.push({
      OR: [{ subject: contains }, { body: contains }, { customerName: contains }, { customerEmail: { contains: filter.q.toLowerCase() } }],
    });
  }
  // The shop's days, like the report's and the insights'.
  const receivedAt: Prisma.DateTimeFilter = {};
  if (filter.from) receivedAt.gte = dayStart(filter.from, timeZone);
  if (filter.to) receivedAt.lt = dayStart(addDays(filter.to, 1), timeZone);
  return {
    shop,
    ...statusWhere(filter.status),
    ...(filter.intent ? { intent: filter.intent } : {}),
    ...(filter.priority ? { priority: filter.priority } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.from || filter.to ? { receivedAt } : {}),
    ...(and.length > 0 ? { AND: and } : {}),
  };
}

// Keyset: rows after (s, r, id) in the order priorityScore desc, receivedAt asc, id asc.
function afterCursor(c: Cursor): Prisma.MessageWhereInput {
  const r = new Date(c.r);
  return {
    OR: [{ priorityScore: { lt: c.s } }, { priorityScore: c.s, receivedAt: { gt: r } }, { priorityScore: c.s, receivedAt: r, id: { gt: c.id } }],
  };
}

function beforeCursor(c: Cursor): Prisma.MessageWhereInput {
  const r = new Date(c.r);
  return {
    OR: [{ priorityScore: { gt: c.s } }, { priorityScore: c.s, receivedAt: { lt: r } }, { priorityScore: c.s, receivedAt: r, id: { lt: c.id } }],
  };
}

const FORWARD: Prisma.MessageOrderByWithRelationInput[] = [{ priorityScore: "desc" }, { receivedAt: "asc" }, { id: "asc" }];
const BACKWARD: Prisma.MessageOrderByWithRelationInput[] = [{ priorityScore: "asc" }, { receivedAt: "desc" }, { id: "desc" }];

type Keyed = { id: string; priorityScore: number; receivedAt: Date };

function compareForward(a: Keyed, b: Keyed): number {
  return b.priorityScore - a.priorityScore || a.receivedAt.getTime() - b.receivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Rows in list order (or its reverse) after an optional keyset condition. The
 * "open" view is two statuses: one query each, merged, so each one walks the
 * (shop, status, priorityScore desc, receivedAt, id) index in order instead of
 * sorting every open message.
 */
async function findOrdered<S extends Prisma.MessageSelect & { id: true; priorityScore: true; receivedAt: true }>({
  shop,
  filter,
  keyset,
  backward = false,
  take,
  select,
}: {
  shop: string;
  filter: InboxFilter;
  keyset: Prisma.MessageWhereInput | null;
  backward?: boolean;
  take: number;
  select: S;
}): Promise<Prisma.MessageGetPayload<{ select: S }>[]> {
  const where = filterWhere(shop, filter, filter.from || filter.to ? await shopTimeZone(shop) : DEFAULT_TIME_ZONE);
  const orderBy = backward ? BACKWARD : FORWARD;
  const run = (w: Prisma.MessageWhereInput) =>
    prisma.message.findMany({ where: keyset ? { AND: [w, keyset] } : w, orderBy, take, select }) as Promise<Prisma.MessageGetPayload<{ select: S }>[]>;
  if (filter.status !== "open") return run(where);
  const parts = await Promise.all(OPEN_STATUSES.map((status) => run({ ...where, status })));
  const merged = parts.flat() as unknown as Keyed[];
  merged.sort(backward ? (a, b) => compareForward(b, a) : compareForward);
  return merged.slice(0, take) as unknown as Prisma.MessageGetPayload<{ select: S }>[];
}

const listSelect = {
  id: true,
  channel: true,
  source: true,
  customerName: true,
  customerEmail: true,
  subject: true,
  body: true,
  language: true,
  receivedAt: true,
  status: true,
  stage: true,
  priority: true,
  priorityScore: true,
  intent: true,
  confidence: true,
  failureReason: true,
} satisfies Prisma.MessageSelect;

export type InboxRow = Omit<Prisma.MessageGetPayload<{ select: typeof listSelect }>, "body"> & { preview: string };

export type InboxPage = {
  rows: InboxRow[];
  /** Cursor of the next page (null on the last one). */
  next: string | null;
  /** Cursor of the previous page (null on the first one). */
  previous: string | null;
};

function toRow(message: Prisma.MessageGetPayload<{ select: typeof listSelect }>): InboxRow {
  const { body, ...rest } = message;
  const flat = body.replace(/\s+/g, " ").trim();
  return {
    ...rest,
    preview: flat.length > 140 ? `${flat.slice(0, 140)}…` : flat,
  };
}

/**
 * One page of the list. `after` pages forward, `before` pages back (both are
 * cursors this function returned). Every query is led by the shop.
 */
export async function listInbox({
  shop,
  filter,
  after,
  before,
  limit = PAGE_SIZE,
}: {
  shop: string;
  filter: InboxFilter;
  after?: string | null;
  before?: string | null;
  limit?: number;
}): Promise<InboxPage> {
  const take = Math.max(1, Math.min(limit, 200));
  const afterC = decodeCursor(after);
  const beforeC = afterC ? null : decodeCursor(before);
  if (beforeC) {
    const found = await findOrdered({ shop, filter, keyset: beforeCursor(beforeC), backward: true, take: take + 1, select: listSelect });
    const hasMore = found.length > take;
    const rows = found.slice(0, take).reverse();
    return {
      rows: rows.map(toRow),
      previous: hasMore && rows.length > 0 ? encodeCursor(rows[0]) : null,
      next: rows.length > 0 ? encodeCursor(rows[rows.length - 1]) : null,
    };
  }
  const found = await findOrdered({ shop, filter, keyset: afterC ? afterCursor(afterC) : null, take: take + 1, select: listSelect });
  const hasMore = found.length > take;
  const rows = found.slice(0, take);
  return {
    rows: rows.map(toRow),
    next: hasMore ? encodeCursor(rows[rows.length - 1]) : null,
    previous: afterC && rows.length > 0 ? encodeCursor(rows[0]) : null,
  };
}

/** How many messages each status has (the list's tabs), for the shop. */
export async function countByStatus({ shop }: { shop: string }): Promise<Record<StatusView, number>> {
  const groups = await prisma.message.groupBy({
    by: ["status"],
    where: { shop },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(STATUS_VIEWS.map((s) => [s, 0])) as Record<StatusView, number>;
  for (const group of groups) {
    const count = group._count._all;
    counts.all += count;
    if ((MESSAGE_STATUSES as readonly string[]).includes(group.status)) counts[group.status as MessageStatus] += count;
  }
  counts.open = counts.new + counts.suggested;
  return counts;
}

/**
 * The values the filters offer: every template intent plus the shop's own
 * labels (a GROUP BY on the (shop, intent, receivedAt) index), and the
 * languages the detector can answer (a fixed list: no scan of the messages).
 */
export async function filterOptions({ shop }: { shop: string }): Promise<{ intents: string[]; languages: string[] }> {
  const groups = await prisma.message.groupBy({ by: ["intent"], where: { shop, intent: { not: null } } });
  const custom = groups.map((g) => g.intent as string).filter((label) => !(TEMPLATE_INTENTS as readonly string[]).includes(label));
  return { intents: [...TEMPLATE_INTENTS, ...custom.sort()], languages: [...DETECTED_LANGUAGES] };
}

// ─── One message ────────────────────────────────────────────────────────────

function parseJson<T>(raw: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (!raw) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const AlternativesSchema = z.array(z.object({ label: z.string(), confidence: z.number() }));
const EntitiesSchema = z.array(
  z.object({
    type: z.string(),
    value: z.string(),
    raw: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    mentions: z.array(z.object({ start: z.number().int(), end: z.number().int() })).default([]),
    carrier: z.string().optional(),
  })
);
const OrderContextSchema = z.union([
  z.object({
    status: z.literal("found"),
    match: z.string(),
    order: z.record(z.string(), z.unknown()),
  }),
  z.object({ status: z.literal("not_found"), query: z.string() }),
  z.object({ status: z.literal("skipped"), reason: z.string() }),
  z.object({ status: z.literal("error"), reason: z.string() }),
]);

export type MessageDetail = {
  message: Message;
  alternatives: Alternative[];
  entities: Entity[];
  orderContext: StoredOrderContext | null;
  thread: {
    kind: "message" | "reply";
    id: string;
    messageId: string;
    at: Date;
    author: string;
    body: string;
    status: string;
    error: string | null;
    channel: string;
  }[];
  neighbours: { previous: string | null; next: string | null };
};

/** A message with its conversation (messages and replies, oldest first), parsed context, and its neighbours in the list. */
export async function getMessageDetail({ shop, id, filter }: { shop: string; id: string; filter?: InboxFilter }): Promise<MessageDetail | null> {
  const message = await prisma.message.findFirst({ where: { shop, id } });
  if (!message) return null;
  const view = filter ?? InboxFilterSchema.parse({});
  const here: Cursor = { s: message.priorityScore, r: message.receivedAt.getTime(), id: message.id };
  const neighbourSelect = { id: true, priorityScore: true, receivedAt: true } as const;
  const [conversation, ownReplies, previous, next] = await Promise.all([
    message.conversationId ? getConversation({ shop, id: message.conversationId }) : null,
    message.conversationId
      ? null
      : prisma.reply.findMany({
          where: { shop, messageId: message.id },
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            messageId: true,
            body: true,
            author: true,
            channel: true,
            status: true,
            error: true,
            sentAt: true,
            createdAt: true,
          },
        }),
    findOrdered({ shop, filter: view, keyset: beforeCursor(here), backward: true, take: 1, select: neighbourSelect }).then((rows) => rows[0]),
    findOrdered({ shop, filter: view, keyset: afterCursor(here), take: 1, select: neighbourSelect }).then((rows) => rows[0]),
  ]);
  const messages = conversation?.messages ?? [message];
  const replies = conversation?.replies ?? ownReplies ?? [];
  const thread: MessageDetail["thread"] = [
    ...messages.map((m) => ({
      kind: "message" as const,
      id: m.id,
      messageId: m.id,
      at: m.receivedAt,
      author: m.customerName || m.customerEmail || "",
      body: m.body,
      status: m.status,
      error: null,
      channel: m.channel,
    })),
    ...replies.map((r) => ({
      kind: "reply" as const,
      id: r.id,
      messageId: r.messageId,
      at: r.sentAt ?? r.createdAt,
      author: r.author,
      body: r.body,
      status: r.status,
      error: r.error,
      channel: r.channel,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    message,
    alternatives: parseJson(message.alternatives, AlternativesSchema, []),
    entities: parseJson(message.entities, EntitiesSchema, []) as Entity[],
    orderContext: parseJson(message.orderContext, OrderContextSchema, null) as StoredOrderContext | null,
    thread,
    neighbours: { previous: previous?.id ?? null, next: next?.id ?? null },
  };
}

// ─── Bulk actions ───────────────────────────────────────────────────────────

export const BulkActionSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("resolve"),
    ids: z.array(z.string().min(1).max(64)).min(1).max(250),
  }),
  z.object({
    action: z.literal("spam"),
    ids: z.array(z.string().min(1).max(64)).min(1).max(250),
  }),
  z.object({
    action: z.literal("intent"),
    ids: z.array(z.string().min(1).max(64)).min(1).max(250),
    label: IntentLabelSchema,
  }),
]);
export type BulkAction = z.infer<typeof BulkActionSchema>;

/**
 * Applies one action to the selected messages of the shop. "intent" goes
 * through correctIntent, so each one is a correction (a labelled example).
 * Ids of another shop (or gone) are counted as skipped, never touched.
 */
export async function applyBulkAction({ shop, input }: { shop: string; input: BulkAction }): Promise<{ updated: number; skipped: number }> {
  const owned = await prisma.message.findMany({
    where: { shop, id: { in: input.ids } },
    select: { id: true },
  });
  let updated = 0;
  for (const { id } of owned) {
    if (input.action === "resolve") await resolveMessage({ shop, messageId: id });
    else if (input.action === "spam") await markSpam({ shop, messageId: id });
    else await correctIntent({ shop, messageId: id, label: input.label });
    updated++;
  }
  return { updated, skipped: new Set(input.ids).size - updated };
}
