// The content library end to end over real HTTP: admin actions with a session
// token write shop-scoped rows; the storefront reads one cached JSON per feed and
// the link-in-bio page through signed app-proxy requests (issue 7).
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { graphql, HttpResponse } from "msw";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server.ts";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { fixtureProducts, fixtureVideos } from "../fixtures/shop.ts";
import { createOfflineSession } from "../factories.ts";
import { mockServer } from "../setup/setup-test-env.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP } from "../support/test-env.ts";

const app = setupAppServer();
const OTHER_SHOP = "other-content.myshopify.com";
const product = (handle: string) => fixtureProducts.find((p) => p.handle === handle)!;
const mug = product("ceramic-pour-over-mug");
const dress = product("linen-midi-dress");

async function adminPost(shop: string, path: string, fields: Record<string, string>) {
  const url = `${app.baseUrl}${path}`;
  const signed = await setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(url),
  );
  return fetch(url, {
    method: "POST",
    headers: { Authorization: signed.headers.get("authorization") ?? "", "User-Agent": BROWSER_UA },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

function proxyGet(path: string, { shop = TEST_SHOP, secret = TEST_API_SECRET, headers = {} }: { shop?: string; secret?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${app.baseUrl}${path}?${appProxyQuery({ shop, secret }).toString()}`, { headers: { "User-Agent": BROWSER_UA, ...headers } });
}

const tag = (p: (typeof fixtureProducts)[number]) => ({ productId: p.id, variantId: p.variants[1].id, handle: p.handle, title: p.title, imageUrl: p.image, price: p.price });

async function createItem(shop: string, fields: Record<string, string>) {
  const res = await adminPost(shop, "/app/content/items/new", fields);
  expect(res.status).toBe(302);
  const id = /\/app\/content\/items\/([^?]+)/.exec(res.headers.get("location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function seedShop(shop: string) {
  await createOfflineSession({ shop });
  const video = await createItem(shop, {
    kind: "video",
    title: "Pour-over ritual",
    url: "https://cdn.shopify.com/videos/c/o/v/ritual.mp4",
    posterUrl: "https://cdn.shopify.com/s/files/ritual.jpg",
    captionsUrl: "https://cdn.shopify.com/s/files/ritual.vtt",
    moderation: "approved",
    products: JSON.stringify([tag(mug)]),
  });
  const youtube = await createItem(shop, { kind: "video", title: "On YouTube", url: "https://youtu.be/dQw4w9WgXcQ", moderation: "approved" });
  const pending = await createItem(shop, { kind: "video", title: "Not reviewed", url: "https://cdn.example/x.mp4", moderation: "pending" });
  const feed = await adminPost(shop, "/app/content/feeds/new", {
    title: "Watch and shop",
    handle: "videos",
    kind: "video",
    utmCampaign: "Summer Drop",
    items: JSON.stringify([youtube, video, pending]),
  });
  expect(feed.status).toBe(302);
  return { video, youtube, pending };
}

test("a feed's JSON shows approved items in order with their products and UTM set, cached with an ETag", async () => {
  const { video, youtube } = await seedShop(TEST_SHOP);
  const res = await proxyGet("/proxy/feeds/videos");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
  const etag = res.headers.get("etag");
  expect(etag).toBeTruthy();
  const body = (await res.json()) as { feed: { handle: string; tagLinks: boolean }; items: { id: string; media: { type: string }; poster: string | null; captions: string | null; utm: Record<string, string>; products: { id: string; variantId: number }[] }[] };
  expect(body.feed).toMatchObject({ handle: "videos", tagLinks: false });
  expect(body.items.map((i) => i.id)).toEqual([youtube, video]);
  expect(body.items[0]).toMatchObject({ media: { type: "youtube" }, poster: expect.stringContaining("dQw4w9WgXcQ") });
  expect(body.items[1]).toMatchObject({
    media: { type: "mp4" },
    captions: "https://cdn.shopify.com/s/files/ritual.vtt",
    utm: { source: "replyreel", medium: "shoppable_video", campaign: "summer_drop", content: video },
    products: [{ id: mug.id, variantId: Number(mug.variants[1].id.split("/").pop()) }],
  });

  const again = await proxyGet("/proxy/feeds/videos", { headers: { "If-None-Match": etag! } });
  expect(again.status).toBe(304);
});

test("UGC shows only approved images whose rights are granted and not expired", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const base = { kind: "image", altText: "a photo", moderation: "approved", creatorHandle: "@maria", sourceLink: "https://instagram.com/maria" };
  const granted = await createItem(TEST_SHOP, { ...base, title: "granted", url: "https://cdn.example/1.jpg", rightsStatus: "granted", rightsGrantedAt: "2026-01-01", products: JSON.stringify([tag(dress)]) });
  const expired = await createItem(TEST_SHOP, { ...base, title: "expired", url: "https://cdn.example/2.jpg", rightsStatus: "granted", rightsGrantedAt: "2025-01-01", rightsExpiresAt: "2025-06-01" });
  const requested = await createItem(TEST_SHOP, { ...base, title: "requested", url: "https://cdn.example/3.jpg", rightsStatus: "requested" });
  const hidden = await createItem(TEST_SHOP, { ...base, title: "hidden", url: "https://cdn.example/4.jpg", rightsStatus: "granted", rightsGrantedAt: "2026-01-01", moderation: "hidden" });
  expect((await adminPost(TEST_SHOP, "/app/content/feeds/new", { title: "UGC", handle: "ugc", kind: "ugc", items: JSON.stringify([expired, requested, hidden, granted]) })).status).toBe(302);
  const body = (await (await proxyGet("/proxy/feeds/ugc")).json()) as { items: { id: string; creator: string; utm: { medium: string } }[] };
  expect(body.items.map((i) => i.id)).toEqual([granted]);
  expect(body.items[0]).toMatchObject({ creator: "maria", utm: { medium: "ugc_gallery" } });
});

test("feeds are isolated by shop, need a signature, and an unknown handle is 404", async () => {
  await seedShop(TEST_SHOP);
  await createOfflineSession({ shop: OTHER_SHOP });
  expect((await proxyGet("/proxy/feeds/videos", { shop: OTHER_SHOP })).status).toBe(404);
  expect((await proxyGet("/proxy/feeds/videos", { secret: "wrong" })).status).toBe(401);
  expect((await fetch(`${app.baseUrl}/proxy/feeds/videos?shop=${TEST_SHOP}`, { headers: { "User-Agent": BROWSER_UA } })).status).toBe(401);
  expect((await proxyGet("/proxy/feeds/nope")).status).toBe(404);
  expect((await proxyGet("/proxy/feeds/Bad_Handle!")).status).toBe(400);
});

test("an admin of one shop cannot edit another shop's item", async () => {
  const { video } = await seedShop(TEST_SHOP);
  await createOfflineSession({ shop: OTHER_SHOP });
  const res = await adminPost(OTHER_SHOP, `/app/content/items/${video}`, { kind: "video", title: "hijacked", url: "https://cdn.example/x.mp4" });
  expect(res.status).toBe(404);
  expect((await prisma.contentItem.findFirstOrThrow({ where: { id: video } })).title).toBe("Pour-over ritual");
});

test("a bad item form is refused with 400 and stores nothing", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const res = await adminPost(TEST_SHOP, "/app/content/items/new", { kind: "video", title: "x", url: "https://example.com/not-a-video" });
  expect(res.status).toBe(400);
  expect(await prisma.contentItem.count()).toBe(0);
});

test("the link-in-bio page lists the feed with product links tagged for link_in_bio", async () => {
  await seedShop(TEST_SHOP);
  const res = await proxyGet("/proxy/bio/videos");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  const html = await res.text();
  expect(html).toContain("Watch and shop");
  expect(html).not.toContain("On YouTube"); // no tagged product: nothing to shop on a bio page
  const href = /href="([^"]*ceramic-pour-over-mug[^"]*)"/.exec(html)?.[1]?.replaceAll("&#38;", "&");
  expect(href).toBeTruthy();
  const url = new URL(href!, "https://x.example");
  expect(url.pathname).toBe("/products/ceramic-pour-over-mug");
  expect(url.searchParams.get("utm_source")).toBe("link_in_bio");
  expect(url.searchParams.get("utm_campaign")).toBe("summer_drop");
});

test("the content library page renders for the shop", async () => {
  await seedShop(TEST_SHOP);
  const res = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/content", shop: TEST_SHOP });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("Pour-over ritual");
  expect(html).toContain("Watch and shop");
  expect(html).toContain("Add UTM tags to on-site product links");
});

test("the web pixel's checkout report is stored once per order", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const url = `${app.baseUrl}/proxy/pixel?${appProxyQuery({ shop: TEST_SHOP, secret: TEST_API_SECRET }).toString()}`;
  const body = JSON.stringify({ orderId: "gid://shopify/Order/5000001040", touches: [{ item: "i1", feed: "f1", type: "add_to_cart", utm: { source: "replyreel" }, time: "2026-11-30T10:00:00Z" }] });
  for (let i = 0; i < 2; i++) {
    const res = await fetch(url, { method: "POST", headers: { "Content-Type": "text/plain", "User-Agent": BROWSER_UA }, body });
    expect(res.status).toBe(200);
  }
  const rows = await prisma.pixelCheckout.findMany({ where: { shop: TEST_SHOP } });
  expect(rows).toHaveLength(1);
  expect(JSON.parse(rows[0].touches)).toEqual([expect.objectContaining({ item: "i1" })]);
  const bad = await fetch(url, { method: "POST", headers: { "User-Agent": BROWSER_UA }, body: JSON.stringify({ orderId: "drop table" }) });
  expect(bad.status).toBe(400);
});

test("a video can be chosen from Shopify Files (Admin API) and is stored as a Files video", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/content/items/new?kind=video", shop: TEST_SHOP });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Video from Shopify Files");
  expect(html).toContain(fixtureVideos[0].alt);
  const id = await createItem(TEST_SHOP, { kind: "video", title: "From Files", url: fixtureVideos[0].url, shopifyFileId: fixtureVideos[0].id, moderation: "approved" });
  expect(await prisma.contentItem.findFirstOrThrow({ where: { shop: TEST_SHOP, id } })).toMatchObject({ source: "shopify_file", shopifyFileId: fixtureVideos[0].id });
});

test("turning on checkout tracking creates the web pixel with the settings its extension declares", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  let settings: unknown;
  mockServer.use(
    graphql.mutation("WebPixelCreate", ({ variables }) => {
      settings = JSON.parse((variables.webPixel as { settings: string }).settings);
      return HttpResponse.json({ data: { webPixelCreate: { userErrors: [], webPixel: { id: "gid://shopify/WebPixel/9", settings: "{}" } } } });
    }),
  );
  const res = await adminPost(TEST_SHOP, "/app/content", { intent: "web-pixel" });
  expect(res.status).toBe(200);
  expect(settings).toEqual({ proxyPath: "/apps/replyreel" });
  const toml = readFileSync(path.resolve(import.meta.dirname, "../../extensions/web-pixel/shopify.extension.toml"), "utf8");
  expect(toml).toContain("[settings.fields.proxyPath]");

  mockServer.use(
    graphql.mutation("WebPixelCreate", () =>
      HttpResponse.json({ data: { webPixelCreate: { userErrors: [{ code: "INVALID_SETTINGS", field: ["settings"], message: "bad settings" }], webPixel: null } } }),
    ),
  );
  expect((await adminPost(TEST_SHOP, "/app/content", { intent: "web-pixel" })).status).toBe(502);
});
