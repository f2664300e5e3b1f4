// The content blocks in the storefront preview (issue 7): lazy video, keyboard,
// quick add into the emulated Ajax cart with _rr_item and _rr_touch, and the
// events stored exactly once in the app's database.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { startDemo, type RunningDemo } from "../../scripts/demo/start.ts";
import { fillOnceHydrated, freePort, keepScreenshot, launchBrowser, newPage } from "./browser.ts";

// The report's million seeded events (issue 8) are not needed here and slow the demo's start.
process.env.DEMO_EVENTS ??= "0";
process.env.DEMO_ORDERS ??= "0";

let demo: RunningDemo;
let browser: Browser;
let db: PrismaClient;
beforeAll(async () => {
  const [port, appPort] = [await freePort(), await freePort()];
  demo = await startDemo({ port, appPort, build: false, quiet: true, dataDir: `tmp/e2e-content-${port}` });
  db = new PrismaClient({ adapter: new PrismaLibSQL({ url: demo.databaseUrl }) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await demo?.stop();
});

function captureEventBatches(page: Page) {
  const batches: { events: { id: string; type: string; item: string }[] }[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/apps/replyreel/events")) batches.push(JSON.parse(request.postData() ?? "{}"));
  });
  return batches;
}

test("the shoppable videos carousel loads lazily, works with the keyboard, quick-adds with attribution, and its events are stored once", async () => {
  const { page, errors } = await newPage(browser);
  // A phone-sized viewport: one slide and a peek of the next, so some slides stay off screen.
  await page.setViewportSize({ width: 420, height: 800 });
  const batches = captureEventBatches(page);
  await page.goto(demo.storefrontUrl);
  const block = page.locator("rr-videos");
  await expect.poll(() => block.count()).toBe(1);
  // Above the fold only the product: no video has a source yet.
  await page.waitForTimeout(500);
  expect(await page.locator("rr-videos video[src]").count()).toBe(0);

  await block.scrollIntoViewIfNeeded();
  const slides = page.getByRole("group", { name: /^\d+ \/ \d+: / });
  await expect.poll(() => slides.count(), { timeout: 10_000 }).toBe(4);
  // Visible slides get a muted preview; those off to the right stay posters.
  await expect.poll(() => page.locator("rr-videos video[src]").count(), { timeout: 10_000 }).toBeGreaterThan(0);
  const total = await slides.count();
  expect(await page.locator("rr-videos video[src]").count()).toBeLessThan(total);
  await keepScreenshot(page, "storefront-videos");
  await page.waitForTimeout(1500); // an impression needs a slide half visible for a second

  // Keyboard: the track scrolls with the arrow keys and the next button.
  const track = page.locator("rr-videos .rr-track");
  await track.focus();
  const before = await track.evaluate((el) => el.scrollLeft);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => track.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
  await page.getByRole("button", { name: "Next" }).first().press("Enter");

  // Keyboard play: Enter on a slide's play button starts it with controls and captions.
  const firstSlide = slides.first();
  const firstTitle = (await firstSlide.getAttribute("aria-label"))!.replace(/^\d+ \/ \d+: /, "");
  await track.evaluate((el) => el.scrollTo({ left: 0, behavior: "instant" }));
  await firstSlide.getByRole("button", { name: `Play video: ${firstTitle}` }).press("Enter");
  const played = firstSlide.locator("video[controls]");
  await expect.poll(() => played.count()).toBe(1);
  expect(await played.locator("track[kind=captions]").count()).toBe(1);

  // Quick add with the keyboard.
  const add = firstSlide.getByRole("button", { name: /^Add to cart: / });
  await add.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => add.textContent()).toBe("Added to cart");
  const cart = await page.evaluate(() => fetch("/cart.js").then((r) => r.json()));
  expect(cart.items).toHaveLength(1);
  const feed = await page.evaluate(() => fetch("/apps/replyreel/feeds/videos").then((r) => r.json()));
  const item = feed.items.find((i: { title: string }) => i.title === firstTitle);
  expect(cart.items[0]).toMatchObject({ handle: item.products[0].handle, properties: { _rr_item: item.id } });
  const touch = JSON.parse(cart.attributes._rr_touch);
  expect(touch).toMatchObject({ item: item.id, feed: feed.feed.id, utm: item.utm });
  expect(Date.now() - Date.parse(touch.time)).toBeLessThan(60_000);

  // Flush the queue as a tab going to the background does, then check the database.
  await page.evaluate(() => (window as unknown as { RR: { flush: () => void } }).RR.flush());
  await expect.poll(() => batches.length).toBeGreaterThan(0);
  const sent = batches.flatMap((b) => b.events);
  await expect.poll(() => db.contentEvent.count({ where: { shop: demo.shop } }), { timeout: 10_000 }).toBe(new Set(sent.map((e) => e.id)).size);
  const types = sent.map((e) => e.type);
  expect(types).toContain("impression");
  expect(types).toContain("play");
  expect(types.filter((t) => t === "add_to_cart")).toHaveLength(1);

  // A re-sent batch (a retry after a lost response) stores nothing new and counts nothing twice.
  const status = await page.evaluate(
    (body) => fetch("/apps/replyreel/events", { method: "POST", headers: { "Content-Type": "application/json" }, body }).then((r) => r.status),
    JSON.stringify(batches[0]),
  );
  expect(status).toBe(200);
  expect(await db.contentEvent.count({ where: { shop: demo.shop } })).toBe(new Set(sent.map((e) => e.id)).size);
  const rollups = await db.eventRollup.findMany({ where: { shop: demo.shop } });
  expect(rollups.reduce((n, r) => n + r.addToCarts, 0)).toBe(1);
  expect(rollups.reduce((n, r) => n + r.impressions, 0)).toBe(types.filter((t) => t === "impression").length);
  expect(errors).toEqual([]);
});

test("the UGC gallery opens a lightbox with the creator's credit, closes with Escape, and returns focus", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(demo.storefrontUrl);
  await page.locator("rr-ugc").scrollIntoViewIfNeeded();
  const tiles = page.getByRole("button", { name: /^Open photo: / });
  await expect.poll(() => tiles.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await tiles.first().focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.isVisible()).toBe(true);
  await expect.poll(() => dialog.getByText(/^@/).count()).toBeGreaterThan(0);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Escape");
  await expect.poll(() => dialog.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "")).toMatch(/^Open photo: /);
  expect(errors).toEqual([]);
});

test("with prefers-reduced-motion no preview autoplays", async () => {
  const { page, errors } = await newPage(browser);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(demo.storefrontUrl);
  await page.locator("rr-videos").scrollIntoViewIfNeeded();
  await expect.poll(() => page.getByRole("group", { name: /^\d+ \/ \d+: / }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1000);
  expect(await page.locator("rr-videos video").count()).toBe(0);
  expect(errors).toEqual([]);
});

test("the admin content library lists the seeded videos and feeds", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.adminUrl}/app/content`);
  const app = page.frameLocator('iframe[title="ReplyReel"]');
  await expect.poll(() => app.getByRole("heading", { name: "Content" }).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => app.getByText("Morning pour-over ritual").isVisible()).toBe(true);
  await expect.poll(() => app.getByRole("link", { name: "Watch and shop" }).or(app.getByRole("button", { name: "Watch and shop" })).first().isVisible()).toBe(true);
  await keepScreenshot(page, "admin-content");
  expect(errors).toEqual([]);
});

test("a merchant adds a video and tags products with the resource picker", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.adminUrl}/app/content/items/new?kind=video`);
  const app = page.frameLocator('iframe[title="ReplyReel"]');
  await expect.poll(() => app.getByRole("heading", { name: "Add video" }).isVisible(), { timeout: 20_000 }).toBe(true);
  // The URL first, typed until React has hydrated the form (the "Recognised" line is
  // client state); a title typed before hydration never reached the form (one CI run
  // saved nothing).
  await fillOnceHydrated(app.getByLabel("Video URL"), "https://youtu.be/dQw4w9WgXcQ", () => app.getByText("Recognised: YOUTUBE").isVisible());
  await app.getByLabel("Title").fill("Unboxing the trail runners");
  await app.getByRole("button", { name: "Tag products" }).click();
  // App Bridge's resource picker, drawn by the admin frame (the demo's stand-in).
  const picker = page.getByRole("dialog");
  await picker.getByLabel(/Trail runner shoes/).check();
  await picker.getByRole("button", { name: /select/i }).click();
  await expect.poll(() => app.getByText("Trail runner shoes").isVisible()).toBe(true);
  await app.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => db.contentItem.count({ where: { shop: demo.shop, title: "Unboxing the trail runners" } }), { timeout: 10_000 }).toBe(1);
  const item = await db.contentItem.findFirstOrThrow({ where: { shop: demo.shop, title: "Unboxing the trail runners" }, include: { products: true } });
  expect(item).toMatchObject({ source: "youtube", moderation: "approved" });
  expect(item.products.map((p) => p.handle)).toEqual(["trail-runner-shoes"]);
  expect(item.products[0].variantId).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
  expect(errors).toEqual([]);
});

test("editing a feed opens App Bridge's save bar: Discard puts the saved values back, Save saves and closes it", async () => {
  const { page, errors } = await newPage(browser);
  const feed = await db.feed.findFirstOrThrow({ where: { shop: demo.shop, handle: "videos" } });
  await page.goto(`${demo.adminUrl}/app/content/feeds/${feed.id}`);
  const app = page.frameLocator('iframe[title="ReplyReel"]');
  const title = app.getByLabel("Title");
  await expect.poll(() => title.isVisible(), { timeout: 20_000 }).toBe(true);
  const bar = page.getByRole("region", { name: "Unsaved changes" });
  expect(await bar.isVisible()).toBe(false);

  await fillOnceHydrated(title, "Watch, then shop", () => bar.isVisible());
  await bar.getByRole("button", { name: "Discard" }).click();
  await expect.poll(() => title.inputValue()).toBe(feed.title);
  await expect.poll(() => bar.isVisible()).toBe(false);

  await title.fill("Watch, then shop");
  await expect.poll(() => bar.isVisible()).toBe(true);
  await bar.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => db.feed.findUniqueOrThrow({ where: { id: feed.id } }).then((f) => f.title), { timeout: 10_000 }).toBe("Watch, then shop");
  await expect.poll(() => bar.isVisible()).toBe(false);
  await db.feed.update({ where: { id: feed.id }, data: { title: feed.title } });
  expect(errors).toEqual([]);
});

test("the stories layout opens a story in a dialog that plays with controls and closes with Escape", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.storefrontUrl}?layout=stories`);
  await page.locator("rr-videos").scrollIntoViewIfNeeded();
  const stories = page.getByRole("button", { name: /^Play video: / });
  await expect.poll(() => stories.count(), { timeout: 10_000 }).toBeGreaterThan(1);
  expect(await page.locator("rr-videos video").count()).toBe(0); // circles are posters only
  await stories.nth(1).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect.poll(() => dialog.locator("video[controls][src]").count()).toBe(1);
  await expect.poll(() => dialog.getByRole("button", { name: /^Add to cart: / }).count()).toBeGreaterThan(0);
  await page.keyboard.press("Escape");
  await expect.poll(() => dialog.count()).toBe(0);
  expect(errors).toEqual([]);
});
