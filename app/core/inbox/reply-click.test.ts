import { expect, test } from "vitest";
import { readableReplyUrl, safeRedirectTarget, tagProductLinks, trackedReplyUrl } from "./utm.ts";
import { textToHtml } from "./html.ts";

const utm = { intent: "order_status", messageId: "msg_1" };

test.each([
  ["/products/x?variant=1", "/products/x?variant=1"],
  ["/products/mug?utm_source=replyreel&utm_medium=reply#reviews", "/products/mug?utm_source=replyreel&utm_medium=reply#reviews"],
  ["/", "/"],
  ["//evil.com", "/"],
  ["//evil.com/products/x", "/"],
  ["https://evil.com", "/"],
  ["https://evil.com/products/x", "/"],
  ["http:/evil.com", "/"],
  ["javascript:alert(1)", "/"],
  ["products/x", "/"],
  ["/\\evil.com", "/"],
  ["\\\\evil.com", "/"],
  ["/\t/evil.com", "/"],
  ["/\n/evil.com", "/"],
  [" /products/x", "/"],
  ["", "/"],
  [null, "/"],
])("safeRedirectTarget(%j) = %j", (to, expected) => {
  expect(safeRedirectTarget(to)).toBe(expected);
});

test("a tracked link names the message and leads to the tagged path on the same host", () => {
  const tracked = new URL(trackedReplyUrl("https://s.myshopify.com/products/mug?variant=2", utm));
  expect(tracked.origin).toBe("https://s.myshopify.com");
  expect(tracked.pathname).toBe("/apps/replyreel/r/msg_1");
  const to = tracked.searchParams.get("to") ?? "";
  expect(safeRedirectTarget(to)).toBe(to);
  const target = new URL(to, tracked.origin);
  expect(target.pathname).toBe("/products/mug");
  expect(Object.fromEntries(target.searchParams)).toEqual({
    variant: "2",
    utm_source: "replyreel",
    utm_medium: "reply",
    utm_campaign: "order_status",
    utm_content: "msg_1",
  });
  expect(trackedReplyUrl("mailto:a@b.c", utm)).toBe("mailto:a@b.c");
  expect(readableReplyUrl(tracked.toString())).toBe("https://s.myshopify.com/products/mug?variant=2");
  expect(readableReplyUrl("https://www.ups.com/track?x=1")).toBe("https://www.ups.com/track?x=1");
});

test("tagProductLinks with track wraps only the shop's product links, once, and the HTML shows the product URL", () => {
  const text = "See https://s.myshopify.com/products/mug. Track: https://www.ups.com/track?x=1";
  const out = tagProductLinks(text, { hosts: ["s.myshopify.com"], ...utm, track: true });
  expect(out.match(/\/apps\/replyreel\/r\/msg_1\?to=/g)).toHaveLength(1);
  expect(out).toContain("https://www.ups.com/track?x=1");
  expect(out).toMatch(/\.\sTrack:/);
  // Running it again (a re-render) leaves the tracked link alone.
  expect(tagProductLinks(out, { hosts: ["s.myshopify.com"], ...utm, track: true })).toBe(out);
  const html = textToHtml(out);
  const href = /href="([^"]+\/apps\/replyreel\/r\/[^"]+)"/.exec(html)?.[1];
  expect(href).toBeDefined();
  expect(html).toContain(">https://s.myshopify.com/products/mug</a>");
});
