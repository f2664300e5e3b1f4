// Crediting an order to content touches (issue 8, SPEC §6). Hand-written: this
// is the product's own core (docs/decisions/0006-attribution-and-rollups.md).
//
// The window: a touch at time t counts for an order placed at time o when
//   o - windowDays·24h  <=  t  <=  o
// Both edges are inclusive: a click exactly 7 days before the order counts,
// 7 days and 1 ms before does not, and a touch after the order never counts.
// Evidence from the checkout session itself (line item property, landing
// site, reply link) has no timestamp and is taken at the order's time.
import type { Signal, Touch, Utm, OrderFacts } from "./touches.ts";

export const MODELS = ["last_touch", "first_touch"] as const;
export type AttributionModel = (typeof MODELS)[number];
export type CreditKind = "direct" | "assisted";

export const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 7;

export type Credit = {
  model: AttributionModel;
  /** direct: a product tagged on the item (or carrying its `_rr_item`) was bought; assisted: the order holds none of them */
  kind: CreditKind;
  signal: Signal;
  feedId: string;
  itemId: string;
  replyMessageId: string | null;
  utm: Utm;
  /** The order's net revenue (total − refunds), credited whole to the touch the model picks */
  revenueMinor: number;
  touchAt: number | null;
};

export type Attribution = {
  window: { fromMs: number; toMs: number; days: number };
  /** Distinct touches inside the window, oldest first */
  touches: Touch[];
  /** Touches outside the window, with why */
  rejected: { touch: Touch; reason: "before_window" | "after_order" }[];
  netRevenueMinor: number;
  /** One credit per model (last touch and first touch), or none when no touch is in the window */
  credits: Credit[];
};

// When two touches share a time (the session's own evidence all sits at the
// order's time), the more specific signal is the later one for last touch.
const PRECEDENCE: Record<Signal, number> = { landing_site: 0, reply: 1, click: 2, pixel: 3, touch: 4, line_item: 5 };

function touchKey(t: Touch) {
  return [t.at ?? "session", t.feedId, t.itemId, t.utm.source, t.utm.medium, t.utm.campaign, t.utm.content, t.replyMessageId ?? ""].join("\u0000");
}

/**
 * Drops repeats of the same click reported by several signals (the cart
 * attribute, the pixel and the stored event carry the same click), keeping the
 * most specific signal.
 */
export function dedupeTouches(touches: Touch[]): Touch[] {
  const byKey = new Map<string, Touch>();
  for (const touch of touches) {
    const key = touchKey(touch);
    const seen = byKey.get(key);
    if (!seen || PRECEDENCE[touch.signal] > PRECEDENCE[seen.signal]) byKey.set(key, touch);
  }
  return [...byKey.values()];
}

/**
 * A line item touch has no feed or UTMs of its own: it borrows them from the
 * latest timed touch of the same item, when there is one.
 */
function enrichLineItems(touches: Touch[]): Touch[] {
  return touches.map((touch) => {
    if (touch.signal !== "line_item") return touch;
    const source = touches
      .filter((t) => t.at !== null && t.itemId === touch.itemId)
      .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
    return source ? { ...touch, feedId: source.feedId, utm: { ...source.utm } } : touch;
  });
}

function isDirect(touch: Touch, order: Pick<OrderFacts, "lineItems">, itemProducts: Record<string, string[]>) {
  if (touch.signal === "reply") return true;
  if (!touch.itemId) return false;
  const tagged = new Set(itemProducts[touch.itemId] ?? []);
  return order.lineItems.some(
    (line) => line.properties._rr_item === touch.itemId || (line.productId !== null && tagged.has(line.productId)),
  );
}

export function attributeOrder({
  order,
  touches,
  itemProducts = {},
  windowDays = DEFAULT_WINDOW_DAYS,
}: {
  order: OrderFacts;
  touches: Touch[];
  /** Product ids tagged on each content item (ContentProduct) */
  itemProducts?: Record<string, string[]>;
  windowDays?: number;
}): Attribution {
  if (!Number.isFinite(windowDays) || windowDays < 0) {
    throw new RangeError(`attribution: windowDays must be a non-negative number, got ${windowDays}`);
  }
  const toMs = order.createdAt;
  const fromMs = toMs - windowDays * DAY_MS;
  const netRevenueMinor = Math.max(0, order.totalMinor - order.refundedMinor);
  const rejected: Attribution["rejected"] = [];
  const inWindow: Touch[] = [];
  for (const touch of enrichLineItems(dedupeTouches(touches))) {
    if (touch.at !== null && touch.at > toMs) rejected.push({ touch, reason: "after_order" });
    else if (touch.at !== null && touch.at < fromMs) rejected.push({ touch, reason: "before_window" });
    else inWindow.push(touch);
  }
  const effective = (t: Touch) => t.at ?? toMs;
  inWindow.sort((a, b) => effective(a) - effective(b) || PRECEDENCE[a.signal] - PRECEDENCE[b.signal]);
  const credits: Credit[] = [];
  if (inWindow.length > 0) {
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    for (const [model, touch] of [["last_touch", last], ["first_touch", first]] as const) {
      credits.push({
        model,
        kind: isDirect(touch, order, itemProducts) ? "direct" : "assisted",
        signal: touch.signal,
        feedId: touch.feedId,
        itemId: touch.itemId,
        replyMessageId: touch.replyMessageId,
        utm: { ...touch.utm },
        revenueMinor: netRevenueMinor,
        touchAt: touch.at,
      });
    }
  }
  return { window: { fromMs, toMs, days: windowDays }, touches: inWindow, rejected, netRevenueMinor, credits };
}

/** A human sentence for the report page and the CSV header. */
export function describeAttribution({ windowDays, model }: { windowDays: number; model: AttributionModel }) {
  const name = model === "last_touch" ? "Last touch" : "First touch";
  return `${name}, ${windowDays}-day window after a click (a click exactly ${windowDays} days before the order counts; a touch after the order does not). The other model is recorded alongside.`;
}
