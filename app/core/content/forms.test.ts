import { expect, test } from "vitest";
import { ContentItemFormSchema, FeedFormSchema, sourceOf } from "./forms.ts";

const product = { productId: "gid://shopify/Product/1", variantId: "gid://shopify/ProductVariant/11", handle: "mug", title: "Mug", imageUrl: null, price: "34.00" };

test.each([
  ["https://youtu.be/dQw4w9WgXcQ", "youtube"],
  ["https://vimeo.com/76979871", "vimeo"],
  ["https://cdn.shopify.com/a.mp4", "url"],
])("a video at %s is stored with source %s", (url, source) => {
  const form = ContentItemFormSchema.parse({ kind: "video", title: "Clip", url, products: JSON.stringify([product]) });
  expect(sourceOf(form)).toBe(source);
  expect(form.products).toEqual([product]);
  expect(form.moderation).toBe("pending");
});

test.each([
  ["a video URL nothing can play", { kind: "video", title: "x", url: "https://example.com/page" }, "url"],
  ["an image without alt text", { kind: "image", title: "x", url: "https://cdn.example/a.jpg" }, "altText"],
  ["granted rights without a date", { kind: "image", title: "x", url: "https://cdn.example/a.jpg", altText: "a", rightsStatus: "granted" }, "rightsGrantedAt"],
  ["a product list that is not JSON", { kind: "image", title: "x", url: "https://cdn.example/a.jpg", altText: "a", products: "[" }, "products"],
  ["a product that is not a Shopify product", { kind: "image", title: "x", url: "https://cdn.example/a.jpg", altText: "a", products: JSON.stringify([{ ...product, productId: "1" }]) }, "products"],
  ["no title", { kind: "video", url: "https://youtu.be/dQw4w9WgXcQ" }, "title"],
  ["a javascript: URL", { kind: "image", title: "x", url: "javascript:alert(1)", altText: "a" }, "url"],
])("refused: %s", (_name, input, path) => {
  const result = ContentItemFormSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join("."))).toContain(path);
});

test("a feed form normalises its handle and UTM tags and de-duplicates items", () => {
  const form = FeedFormSchema.parse({ title: "Summer", handle: "Summer Looks!", kind: "video", utmCampaign: "Summer Sale", items: JSON.stringify(["a", "b", "a"]) });
  expect(form).toMatchObject({ handle: "summer-looks", utmCampaign: "summer_sale", items: ["a", "b"] });
});
