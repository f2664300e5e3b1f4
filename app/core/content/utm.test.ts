import { expect, test } from "vitest";
import { buildShareLink, buildTaggedUrl, normalizeUtmValue, readUtm, resolveUtm, toHandle } from "./utm.ts";

const videoFeed = { handle: "summer-looks", kind: "video" as const };

test("defaults: source replyreel, medium by feed kind, campaign the feed handle, content the item id", () => {
  expect(resolveUtm({ feed: videoFeed, item: { id: "item_1" } })).toEqual({
    source: "replyreel",
    medium: "shoppable_video",
    campaign: "summer-looks",
    content: "item_1",
  });
  expect(resolveUtm({ feed: { handle: "ugc", kind: "ugc" }, item: { id: "x" } }).medium).toBe("ugc_gallery");
});

test.each([
  ["item beats feed", { utmCampaign: "feed-camp" }, { utmCampaign: "item-camp" }, "item-camp"],
  ["feed beats default", { utmCampaign: "feed-camp" }, {}, "feed-camp"],
  ["blank override falls back", { utmCampaign: "  " }, { utmCampaign: "" }, "summer-looks"],
  ["values are normalised", {}, { utmCampaign: "Black Friday 2026!" }, "black_friday_2026"],
])("campaign: %s", (_name, feed, item, expected) => {
  expect(resolveUtm({ feed: { ...videoFeed, ...feed }, item: { id: "i", ...item } }).campaign).toBe(expected);
});

test.each([
  ["Summer Sale", "summer_sale"],
  ["  UPPER  ", "upper"],
  ["a/b?c=d&e", "abcde"],
  [null, ""],
  ["x".repeat(150), "x".repeat(100)],
])("normalizeUtmValue(%j) = %j", (input, expected) => {
  expect(normalizeUtmValue(input)).toBe(expected);
});

test("tagging a URL replaces utm_* and keeps other parameters", () => {
  const tagged = buildTaggedUrl("https://shop.example/products/mug?variant=1&utm_source=old", {
    source: "replyreel",
    medium: "shoppable_video",
    campaign: "c",
    content: "",
  });
  const url = new URL(tagged);
  expect(url.searchParams.get("variant")).toBe("1");
  expect(url.searchParams.get("utm_source")).toBe("replyreel");
  expect(url.searchParams.has("utm_content")).toBe(false);
  expect(readUtm(tagged)).toEqual({ source: "replyreel", medium: "shoppable_video", campaign: "c", content: "" });
});

test("share links name the channel as the source and keep the feed's campaign", () => {
  const utm = resolveUtm({ feed: videoFeed, item: { id: "item_9" } });
  const link = readUtm(buildShareLink({ url: "https://shop.example/", utm, channel: "instagram" }));
  expect(link).toMatchObject({ source: "instagram", medium: "social", campaign: "summer-looks", content: "item_9" });
  expect(readUtm(buildShareLink({ url: "https://shop.example/", utm, channel: "link_in_bio" })).source).toBe("link_in_bio");
  expect(readUtm(buildShareLink({ url: "https://shop.example/", utm, channel: "ads" })).medium).toBe("paid_social");
});

test.each([
  ["Summer Looks 2026", "summer-looks-2026"],
  ["Été à Paris", "ete-a-paris"],
  ["--x--", "x"],
])("toHandle(%j) = %j", (input, expected) => {
  expect(toHandle(input)).toBe(expected);
});
