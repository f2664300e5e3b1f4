import { expect, test } from "vitest";
import { attributeOrder, DAY_MS } from "./attribute.ts";
import { touchesFromOrder, touchesFromPixel, touchFromClick, touchFromLandingSite, visitorFromAttribute } from "./touches.ts";
import type { OrderFacts } from "./touches.ts";
import { contribution, diffContributions } from "./rollup-delta.ts";
import { orderFacts, OrderPayloadSchema, refundsById, sumRefunds } from "./order-payload.ts";

const ORDER_AT = Date.UTC(2026, 10, 20, 12, 0, 0);
const DRESS = "9000000001";
const MUG = "9000000002";
const ITEM_A = "item-a";
const ITEM_B = "item-b";
const itemProducts = { [ITEM_A]: [DRESS], [ITEM_B]: [MUG] };

function order(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    id: "1001",
    name: "#1001",
    createdAt: ORDER_AT,
    totalMinor: 8900,
    refundedMinor: 0,
    currency: "USD",
    lineItems: [{ productId: DRESS, properties: {} }],
    noteAttributes: {},
    landingSite: null,
    ...overrides,
  };
}

const touchJson = (item: string, t: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ item, feed: "feed-1", utm: { source: "instagram", medium: "social", campaign: "spring", content: "reel-1" }, t, ...extra });

function attribute(o: OrderFacts, extra: Parameters<typeof attributeOrder>[0]["touches"] = []) {
  return attributeOrder({ order: o, touches: [...touchesFromOrder(o), ...extra], itemProducts, windowDays: 7 });
}

test("cart attribute _rr_touch: credits the item, its feed and UTMs; the dress it tags was bought, so direct", () => {
  const o = order({ noteAttributes: { _rr_touch: touchJson(ITEM_A, ORDER_AT - 2 * DAY_MS) } });
  const result = attribute(o);
  expect(result.credits).toEqual([
    { model: "last_touch", kind: "direct", signal: "touch", feedId: "feed-1", itemId: ITEM_A, replyMessageId: null, utm: { source: "instagram", medium: "social", campaign: "spring", content: "reel-1" }, revenueMinor: 8900, touchAt: ORDER_AT - 2 * DAY_MS },
    { model: "first_touch", kind: "direct", signal: "touch", feedId: "feed-1", itemId: ITEM_A, replyMessageId: null, utm: { source: "instagram", medium: "social", campaign: "spring", content: "reel-1" }, revenueMinor: 8900, touchAt: ORDER_AT - 2 * DAY_MS },
  ]);
});

test("a touch on an item whose tagged product was not bought is assisted", () => {
  const o = order({ noteAttributes: { _rr_touch: touchJson(ITEM_B, ORDER_AT - DAY_MS) } });
  expect(attribute(o).credits.map((c) => [c.model, c.kind, c.itemId])).toEqual([
    ["last_touch", "assisted", ITEM_B],
    ["first_touch", "assisted", ITEM_B],
  ]);
});

test("line item property _rr_item: direct, taken at the order's time, borrowing feed and UTMs from the same item's click", () => {
  const o = order({
    lineItems: [{ productId: "123", properties: { _rr_item: ITEM_B } }],
    noteAttributes: { _rr_touch: touchJson(ITEM_B, ORDER_AT - 3 * DAY_MS) },
  });
  const result = attribute(o);
  const last = result.credits.find((c) => c.model === "last_touch");
  const first = result.credits.find((c) => c.model === "first_touch");
  expect(last).toMatchObject({ signal: "line_item", kind: "direct", itemId: ITEM_B, feedId: "feed-1", touchAt: null, revenueMinor: 8900 });
  expect(last?.utm.campaign).toBe("spring");
  expect(first).toMatchObject({ signal: "touch", itemId: ITEM_B, touchAt: ORDER_AT - 3 * DAY_MS });
});

test("line item property alone: no feed, no UTMs, still direct", () => {
  const o = order({ lineItems: [{ productId: null, properties: { _rr_item: ITEM_A } }] });
  expect(attribute(o).credits[0]).toMatchObject({ signal: "line_item", kind: "direct", itemId: ITEM_A, feedId: "", utm: { source: "", medium: "", campaign: "", content: "" } });
});

test("landing site UTMs credit the shared link's campaign and item (rr_item)", () => {
  const o = order({ landingSite: "/products/linen-midi-dress?utm_source=tiktok&utm_medium=bio&utm_campaign=fall&utm_content=v9&rr_item=item-a" });
  expect(attribute(o).credits[0]).toMatchObject({
    signal: "landing_site",
    kind: "direct",
    itemId: ITEM_A,
    utm: { source: "tiktok", medium: "bio", campaign: "fall", content: "v9" },
    touchAt: null,
  });
});

test("a landing site without UTMs is no touch", () => {
  expect(touchFromLandingSite("/products/linen-midi-dress?variant=1")).toBeNull();
  expect(touchFromLandingSite(null)).toBeNull();
});

test("reply link: utm_medium=reply credits the reply's message id", () => {
  const o = order({ landingSite: "https://shop.example/products/mug?utm_source=replyreel&utm_medium=reply&utm_campaign=shipping_info&utm_content=msg_42" });
  expect(attribute(o).credits[0]).toMatchObject({
    signal: "reply",
    kind: "direct",
    replyMessageId: "msg_42",
    itemId: "",
    utm: { source: "replyreel", medium: "reply", campaign: "shipping_info", content: "msg_42" },
  });
});

test("pixel touches: last and first touch are the newest and oldest", () => {
  const pixel = touchesFromPixel(
    JSON.stringify([
      { item: ITEM_B, feed: "feed-2", utm: { source: "ig" }, t: ORDER_AT - 5 * DAY_MS },
      { item: ITEM_A, feed: "feed-1", time: new Date(ORDER_AT - 60_000).toISOString() },
      { item: "", feed: "", t: ORDER_AT - 1 },
      { item: "item-c", feed: "feed-1", time: "not a time" },
      "garbage",
    ]),
  );
  expect(pixel).toHaveLength(2);
  const result = attribute(order(), pixel);
  expect(result.credits.map((c) => [c.model, c.signal, c.itemId, c.kind, c.touchAt])).toEqual([
    ["last_touch", "pixel", ITEM_A, "direct", ORDER_AT - 60_000],
    ["first_touch", "pixel", ITEM_B, "assisted", ORDER_AT - 5 * DAY_MS],
  ]);
});

test("the same click seen by the cart attribute and the pixel is one touch (the cart attribute kept)", () => {
  const t = ORDER_AT - DAY_MS;
  const o = order({ noteAttributes: { _rr_touch: touchJson(ITEM_A, t) } });
  const pixel = touchesFromPixel(JSON.stringify([{ item: ITEM_A, feed: "feed-1", utm: { source: "instagram", medium: "social", campaign: "spring", content: "reel-1" }, t }]));
  const result = attribute(o, pixel);
  expect(result.touches).toHaveLength(1);
  expect(result.touches[0].signal).toBe("touch");
});

test("stored click events of the visitor named in _rr_touch count as touches", () => {
  expect(visitorFromAttribute(touchJson(ITEM_A, 1, { v: "visitor-1" }))).toBe("visitor-1");
  expect(visitorFromAttribute(touchJson(ITEM_A, 1, { visitor: "visitor-2" }))).toBe("visitor-2");
  expect(visitorFromAttribute(touchJson(ITEM_A, 1))).toBeNull();
  expect(visitorFromAttribute("not json")).toBeNull();
  expect(visitorFromAttribute("null")).toBeNull();
  const click = touchFromClick({ feedId: "feed-3", itemId: ITEM_B, utmSource: "", utmMedium: "", utmCampaign: "c", utmContent: "", occurredAt: ORDER_AT - 4 * DAY_MS });
  const o = order({ noteAttributes: { _rr_touch: touchJson(ITEM_A, ORDER_AT - DAY_MS) } });
  const result = attribute(o, click ? [click] : []);
  expect(result.credits.find((c) => c.model === "first_touch")).toMatchObject({ signal: "click", itemId: ITEM_B, feedId: "feed-3" });
  expect(result.credits.find((c) => c.model === "last_touch")).toMatchObject({ signal: "touch", itemId: ITEM_A });
});

test.each([
  ["exactly 7 days before the order", ORDER_AT - 7 * DAY_MS, true, null],
  ["7 days and 1 ms before", ORDER_AT - 7 * DAY_MS - 1, false, "before_window"],
  ["at the order's instant", ORDER_AT, true, null],
  ["1 ms after the order", ORDER_AT + 1, false, "after_order"],
  ["a day after the order", ORDER_AT + DAY_MS, false, "after_order"],
] as const)("window edge: a touch %s counts=%s", (_label, t, counts, reason) => {
  const result = attribute(order({ noteAttributes: { _rr_touch: touchJson(ITEM_A, t) } }));
  expect(result.credits.length > 0).toBe(counts);
  expect(result.rejected.map((r) => r.reason)).toEqual(reason ? [reason] : []);
});

test("the window is configurable: 1 day rejects a 2-day-old click, 30 days keeps it", () => {
  const o = order({ noteAttributes: { _rr_touch: touchJson(ITEM_A, ORDER_AT - 2 * DAY_MS) } });
  const touches = touchesFromOrder(o);
  expect(attributeOrder({ order: o, touches, windowDays: 1 }).credits).toEqual([]);
  expect(attributeOrder({ order: o, touches, windowDays: 30 }).credits).toHaveLength(2);
  expect(() => attributeOrder({ order: o, touches, windowDays: -1 })).toThrow(/windowDays/);
});

test("refunds reduce the credited revenue; never below zero", () => {
  const o = order({ totalMinor: 10000, refundedMinor: 2500, noteAttributes: { _rr_touch: touchJson(ITEM_A, ORDER_AT - 1) } });
  expect(attribute(o).credits.map((c) => c.revenueMinor)).toEqual([7500, 7500]);
  expect(attribute({ ...o, refundedMinor: 12000 }).netRevenueMinor).toBe(0);
});

test("malformed _rr_touch values are ignored", () => {
  for (const raw of ["{", "[]", JSON.stringify({ item: "x" }), JSON.stringify({ item: "x", t: "yesterday" }), JSON.stringify({ t: 5 })]) {
    expect(attribute(order({ noteAttributes: { _rr_touch: raw } })).credits).toEqual([]);
  }
});

test("an order with no signal has no credit", () => {
  expect(attribute(order())).toMatchObject({ credits: [], touches: [], netRevenueMinor: 8900 });
});

test("rollup contribution and its difference: a refund changes revenue only; a changed credit moves the order", () => {
  const credit = { model: "last_touch", kind: "direct", feedId: "f", itemId: "a", utmSource: "", utmMedium: "", utmCampaign: "c", utmContent: "" };
  const before = contribution({ day: "2026-11-20", model: "last_touch", credits: [{ ...credit, revenueMinor: 8900 }] });
  const refunded = contribution({ day: "2026-11-20", model: "last_touch", credits: [{ ...credit, revenueMinor: 6900 }] });
  expect(diffContributions(before, before)).toEqual([]);
  expect(diffContributions(before, refunded)).toEqual([{ ...before[0], orders: 0, assisted: 0, revenueMinor: -2000 }]);
  const moved = contribution({ day: "2026-11-20", model: "last_touch", credits: [{ ...credit, itemId: "b", kind: "assisted", revenueMinor: 8900 }] });
  const diff = diffContributions(before, moved);
  expect(diff).toHaveLength(2);
  expect(diff.find((d) => d.itemId === "a")).toMatchObject({ orders: -1, assisted: 0, revenueMinor: -8900 });
  expect(diff.find((d) => d.itemId === "b")).toMatchObject({ orders: 1, assisted: 1, revenueMinor: 8900 });
  expect(contribution({ day: "2026-11-20", model: "first_touch", credits: [{ ...credit, revenueMinor: 1 }] })).toEqual([]);
});

test("an orders/create payload becomes order facts; refunds by id count once", () => {
  const payload = OrderPayloadSchema.parse({
    id: 5001,
    name: "#1001",
    created_at: "2026-11-20T12:00:00Z",
    currency: "USD",
    total_price: "89.00",
    landing_site: "/?utm_source=a",
    note_attributes: [{ name: "_rr_touch", value: "{}" }],
    line_items: [{ product_id: 9000000001, properties: [{ name: "_rr_item", value: "item-a" }] }],
    refunds: [
      { id: 1, transactions: [{ kind: "refund", status: "success", amount: "10.00" }, { kind: "refund", status: "failure", amount: "99.00" }] },
      { id: 2, refund_line_items: [{ subtotal: "5.00", total_tax: "0.50" }] },
    ],
  });
  const refunds = refundsById(payload.refunds, payload.currency);
  expect(refunds).toEqual({ "1": 1000, "2": 550 });
  expect(sumRefunds({ ...refunds, "1": 1000 })).toBe(1550);
  const facts = orderFacts(payload, 1550);
  expect(facts).toMatchObject({ id: "5001", createdAt: ORDER_AT, totalMinor: 8900, refundedMinor: 1550, lineItems: [{ productId: DRESS, properties: { _rr_item: "item-a" } }] });
  expect(OrderPayloadSchema.safeParse({ id: 1, created_at: "x", currency: "usd" }).success).toBe(false);
});
