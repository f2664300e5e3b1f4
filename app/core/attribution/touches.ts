// Reading attribution signals out of an order and the storefront's records
// (issue 8, SPEC §6 "Attribution"). Pure: the models layer loads the rows and
// hands them in.
import { z } from "zod";

export const SIGNALS = ["line_item", "touch", "pixel", "click", "reply", "landing_site"] as const;
/**
 * Where a touch was read from:
 * - `touch`: the cart attribute `_rr_touch` (note_attributes), written by the block on a click
 * - `line_item`: the line item property `_rr_item` (quick add from a block)
 * - `landing_site`: UTMs on the order's landing site (off-site shares)
 * - `reply`: a landing site tagged `utm_medium=reply` (a link in a ReplyReel reply)
 * - `pixel`: touches the web pixel reported with checkout_completed
 * - `click`: a stored click event of the same storefront visitor
 */
export type Signal = (typeof SIGNALS)[number];

export type Utm = { source: string; medium: string; campaign: string; content: string };
export const EMPTY_UTM: Utm = { source: "", medium: "", campaign: "", content: "" };

export type Touch = {
  signal: Signal;
  /** Epoch ms of the click; null for evidence from the checkout session itself (taken at the order's time). */
  at: number | null;
  feedId: string;
  itemId: string;
  utm: Utm;
  replyMessageId: string | null;
};

export type OrderLine = { productId: string | null; properties: Record<string, string> };

export type OrderFacts = {
  id: string;
  name: string | null;
  /** Epoch ms */
  createdAt: number;
  totalMinor: number;
  refundedMinor: number;
  currency: string;
  lineItems: OrderLine[];
  noteAttributes: Record<string, string>;
  landingSite: string | null;
};

export const TOUCH_ATTRIBUTE = "_rr_touch";
export const ITEM_PROPERTY = "_rr_item";
/** utm_medium of links in replies (the inbox tags them utm_source=replyreel&utm_medium=reply&utm_campaign=<intent>&utm_content=<message id>). */
export const REPLY_MEDIUM = "reply";

const text = (max: number) => z.string().trim().max(max).catch("").default("");

/** An instant as epoch ms, ISO text or numeric text; null when it is none of them. */
function instant(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value > 0 ? Math.trunc(value) : null;
  if (typeof value !== "string" || !value.trim()) return null;
  if (/^\d+$/.test(value.trim())) return instant(Number(value.trim()));
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The shape the storefront writes into `_rr_touch` ({item, feed, utm, t}) and
 * the web pixel reports per touch ({item, feed, utm, time}).
 */
export const StoredTouchSchema = z.object({
  item: text(100),
  feed: text(100),
  utm: z
    .object({ source: text(200), medium: text(200), campaign: text(200), content: text(200) })
    .catch({ ...EMPTY_UTM })
    .default({ ...EMPTY_UTM }),
  t: z.unknown().optional(),
  time: z.unknown().optional(),
});

function fromStored(value: unknown, signal: Signal): Touch | null {
  const parsed = StoredTouchSchema.safeParse(value);
  if (!parsed.success || (!parsed.data.item && !parsed.data.feed)) return null;
  const { item, feed, utm } = parsed.data;
  const at = instant(parsed.data.t) ?? instant(parsed.data.time);
  if (at === null) return null;
  return { signal, at, feedId: feed, itemId: item, utm: { ...EMPTY_UTM, ...utm }, replyMessageId: null };
}

/** `_rr_touch` from the order's note_attributes; malformed JSON is ignored, never fatal. */
export function touchFromAttribute(raw: string | undefined): Touch | null {
  if (!raw) return null;
  try {
    return fromStored(JSON.parse(raw), "touch");
  } catch {
    return null;
  }
}

/** The web pixel's touches (PixelCheckout.touches): a JSON array of stored touches. */
export function touchesFromPixel(raw: string | null | undefined): Touch[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.map((entry) => fromStored(entry, "pixel")).filter((t): t is Touch => t !== null);
}

/** One `line_item` touch per distinct `_rr_item` among the order's line items. */
export function touchesFromLineItems(lines: OrderLine[]): Touch[] {
  const items = new Set<string>();
  for (const line of lines) {
    const item = line.properties[ITEM_PROPERTY]?.trim();
    if (item) items.add(item);
  }
  return [...items].map((itemId) => ({ signal: "line_item", at: null, feedId: "", itemId, utm: { ...EMPTY_UTM }, replyMessageId: null }));
}

/**
 * UTMs of the landing site (a path with a query, or a full URL). A reply link
 * (`utm_medium=reply`) becomes a `reply` touch naming the message in
 * `utm_content`; other UTMs a `landing_site` touch, with the item and feed
 * when a shared link carries `rr_item` / `rr_feed`.
 */
export function touchFromLandingSite(landingSite: string | null | undefined): Touch | null {
  if (!landingSite) return null;
  let params: URLSearchParams;
  try {
    params = new URL(landingSite, "https://landing.invalid").searchParams;
  } catch {
    return null;
  }
  const utm: Utm = {
    source: params.get("utm_source")?.trim() ?? "",
    medium: params.get("utm_medium")?.trim() ?? "",
    campaign: params.get("utm_campaign")?.trim() ?? "",
    content: params.get("utm_content")?.trim() ?? "",
  };
  const itemId = params.get("rr_item")?.trim() ?? "";
  const feedId = params.get("rr_feed")?.trim() ?? "";
  if (utm.medium.toLowerCase() === REPLY_MEDIUM) {
    return { signal: "reply", at: null, feedId: "", itemId: "", utm, replyMessageId: utm.content || null };
  }
  if (!utm.source && !utm.medium && !utm.campaign && !utm.content && !itemId) return null;
  return { signal: "landing_site", at: null, feedId, itemId, utm, replyMessageId: null };
}

/** A stored click event (ContentEvent of type click) of the order's visitor. */
export function touchFromClick(event: {
  feedId: string | null;
  itemId: string | null;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
  occurredAt: number;
}): Touch | null {
  if (!event.itemId && !event.feedId) return null;
  return {
    signal: "click",
    at: event.occurredAt,
    feedId: event.feedId ?? "",
    itemId: event.itemId ?? "",
    utm: { source: event.utmSource, medium: event.utmMedium, campaign: event.utmCampaign, content: event.utmContent },
    replyMessageId: null,
  };
}

/** The storefront visitor named in `_rr_touch` (`visitor` or `v`), to find that visitor's click events. */
export function visitorFromAttribute(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Record<string, unknown> | null;
    const visitor = value && typeof value === "object" ? (value.visitor ?? value.v) : null;
    if (typeof visitor === "string" && visitor.trim()) return visitor.trim().slice(0, 100);
  } catch {
    // not JSON: no visitor
  }
  return null;
}

/** Every touch the order itself carries: the cart attribute, line item properties and the landing site. */
export function touchesFromOrder(order: Pick<OrderFacts, "noteAttributes" | "lineItems" | "landingSite">): Touch[] {
  const touches: Touch[] = [];
  const attribute = touchFromAttribute(order.noteAttributes[TOUCH_ATTRIBUTE]);
  if (attribute) touches.push(attribute);
  touches.push(...touchesFromLineItems(order.lineItems));
  const landing = touchFromLandingSite(order.landingSite);
  if (landing) touches.push(landing);
  return touches;
}
