import { expect, test } from "vitest";
import { MAX_EVENTS_PER_BATCH, parseEventBatch, rollupDeltas } from "./events.ts";

const now = Date.UTC(2026, 10, 30, 12, 0, 0);
const utm = { source: "replyreel", medium: "shoppable_video", campaign: "summer", content: "item_1" };
const good = (over: Record<string, unknown> = {}) => ({ id: "evt_00000001", type: "impression", feed: "f1", item: "item_1", utm, at: now - 1000, ...over });

test.each([
  ["a string", "hello", "events"],
  ["no events key", { items: [] }, "events"],
  ["an empty batch", { events: [] }, "no events"],
  ["too many events", { events: Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, (_, i) => good({ id: `evt_${String(i).padStart(8, "0")}` })) }, "at most"],
])("the whole batch is bad: %s", (_name, body, reason) => {
  const result = parseEventBatch(body, now);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toContain(reason);
});

test("bad events are reported by index and never cost the good ones", () => {
  const result = parseEventBatch(
    {
      events: [
        good(),
        good({ id: "short" }),
        good({ id: "evt_00000002", type: "hover" }),
        good({ id: "evt_00000003", at: now + 3_600_000 }),
        good({ id: "evt_00000004", at: now - 8 * 86_400_000 }),
        good({ id: "evt_00000005", product: "not-a-product" }),
        good({ id: "evt_00000006", type: "add_to_cart", product: "gid://shopify/Product/123" }),
        null,
      ],
    },
    now,
  );
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.events.map((e) => e.clientEventId)).toEqual(["evt_00000001", "evt_00000006"]);
  expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 7]);
  expect(result.rejected.find((r) => r.index === 2)?.reason).toMatch(/^type:/);
  expect(result.events[1]).toMatchObject({ type: "add_to_cart", productId: "gid://shopify/Product/123", occurredAt: new Date(now - 1000) });
});

test("the same event twice in one batch is kept once; UTM values are normalised; missing UTM is empty", () => {
  const result = parseEventBatch({ events: [good(), good(), good({ id: "evt_00000009", utm: { source: "News Letter" }, feed: undefined })] }, now);
  if (!result.ok) throw new Error(result.reason);
  expect(result.events).toHaveLength(2);
  expect(result.events[1].utm).toEqual({ source: "news_letter", medium: "", campaign: "", content: "" });
  expect(result.events[1].feedId).toBeNull();
});

test("rollups sum by day (UTC, or the shop's time zone), feed, item and UTM set", () => {
  const at = (iso: string) => new Date(iso);
  const events = [
    { type: "impression" as const, feedId: "f", itemId: "a", utm, occurredAt: at("2026-11-30T23:59:59Z") },
    { type: "impression" as const, feedId: "f", itemId: "a", utm, occurredAt: at("2026-11-30T00:00:00Z") },
    { type: "click" as const, feedId: "f", itemId: "a", utm, occurredAt: at("2026-11-30T10:00:00Z") },
    { type: "impression" as const, feedId: "f", itemId: "a", utm, occurredAt: at("2026-12-01T00:00:00Z") },
    { type: "add_to_cart" as const, feedId: "f", itemId: "b", utm, occurredAt: at("2026-11-30T10:00:00Z") },
    { type: "play" as const, feedId: null, itemId: "a", utm: { ...utm, campaign: "other" }, occurredAt: at("2026-11-30T10:00:00Z") },
  ];
  const rows = rollupDeltas(events).map((r) => [r.day, r.feedId, r.itemId, r.utmCampaign, r.impressions, r.plays, r.clicks, r.addToCarts]);
  expect(rows).toEqual([
    ["2026-11-30", "f", "a", "summer", 2, 0, 1, 0],
    ["2026-12-01", "f", "a", "summer", 1, 0, 0, 0],
    ["2026-11-30", "f", "b", "summer", 0, 0, 0, 1],
    ["2026-11-30", "", "a", "other", 0, 1, 0, 0],
  ]);
  // The same events for a shop in New York (UTC−5): the first one was still the 29th there.
  const newYork = rollupDeltas(events, "America/New_York").map((r) => [r.day, r.itemId, r.utmCampaign, r.impressions, r.clicks]);
  expect(newYork.sort((x, y) => x.join().localeCompare(y.join()))).toEqual([
    ["2026-11-29", "a", "summer", 1, 0],
    ["2026-11-30", "a", "other", 0, 0],
    ["2026-11-30", "a", "summer", 2, 1],
    ["2026-11-30", "b", "summer", 0, 0],
  ]);
});
