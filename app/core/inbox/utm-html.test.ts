import { expect, test } from "vitest";
import { tagProductLinks, tagProductUrl } from "./utm.ts";
import { escapeHtml, textToHtml } from "./html.ts";

const utm = { intent: "order_status", messageId: "msg_1" };

test("tagProductUrl adds the reply's UTM set and keeps other parameters", () => {
  const url = new URL(tagProductUrl("https://shop.example/products/mug?variant=2", utm));
  expect(Object.fromEntries(url.searchParams)).toEqual({
    variant: "2",
    utm_source: "replyreel",
    utm_medium: "reply",
    utm_campaign: "order_status",
    utm_content: "msg_1",
  });
  expect(tagProductUrl("not a url", utm)).toBe("not a url");
  expect(tagProductUrl("mailto:a@b.c", utm)).toBe("mailto:a@b.c");
});

test.each([
  ["https://s.myshopify.com/products/mug.", true],
  ["https://s.myshopify.com/collections/all", true],
  ["https://s.myshopify.com/fr/products/mug", true],
  ["https://s.myshopify.com/policies/refund-policy", false],
  ["https://www.ups.com/track?x=1", false],
  ["https://evil.example/products/mug", false],
])("tagProductLinks tags only the shop's product pages: %s", (link, tagged) => {
  const out = tagProductLinks(`See ${link}`, { hosts: ["s.myshopify.com"], ...utm });
  expect(out.includes("utm_medium=reply")).toBe(tagged);
  if (link.endsWith(".")) expect(out.endsWith(".")).toBe(true);
});

test("HTML escapes shopper and merchant text and links only http(s)", () => {
  expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
  const html = textToHtml("Hi <b>you</b>\nline2\n\nsee https://x.example/a?b=1&c=2. javascript:alert(1)");
  expect(html).toContain("<p>Hi &lt;b&gt;you&lt;/b&gt;<br>\nline2</p>");
  expect(html).toContain('<a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a>.');
  expect(html).not.toContain("<b>");
  expect(html).not.toContain('href="javascript');
});
