// The conversion report end to end (issue 8 bar): a quick add and a click in
// the storefront preview, then a signed orders/create webhook built from that
// cart, then the report in the admin frame shows the order and its revenue.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { PrismaClient } from "@prisma/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { startDemo, type RunningDemo } from "../../scripts/demo/start.ts";
import { signedWebhook } from "../support/signed-requests.ts";
import { freePort, keepScreenshot, launchBrowser, newPage } from "./browser.ts";

let demo: RunningDemo;
let browser: Browser;
let db: PrismaClient;
beforeAll(async () => {
  const [port, appPort] = [await freePort(), await freePort()];
  // No million seeded events: the report must show this test's one order.
  demo = await startDemo({ port, appPort, build: false, quiet: true, dataDir: `tmp/e2e-report-${port}`, reportEvents: 0, reportOrders: 0 });
  db = new PrismaClient({ adapter: new PrismaLibSQL({ url: demo.databaseUrl }) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.$disconnect();
  await demo?.stop();
});

type Cart = { total_price: number; currency: string; attributes: Record<string, string>; items: { product_id: number; variant_id: number; quantity: number; price: number; properties: Record<string, string> }[] };

test("a storefront quick add and click, then a signed orders/create, show up in the report", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(demo.storefrontUrl);
  const block = page.locator("rr-videos");
  await block.scrollIntoViewIfNeeded();
  const slides = page.getByRole("group", { name: /^\d+ \/ \d+: / });
  await expect.poll(() => slides.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(1500); // an impression needs a slide half visible for a second
  const firstSlide = slides.first();
  const title = (await firstSlide.getAttribute("aria-label"))!.replace(/^\d+ \/ \d+: /, "");

  // Quick add writes _rr_item on the line and _rr_touch on the cart.
  const add = firstSlide.getByRole("button", { name: /^Add to cart: / });
  await add.click();
  await expect.poll(() => add.textContent()).toBe("Added to cart");
  const cart = (await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as Cart;
  expect(cart.attributes._rr_touch).toBeTruthy();

  // A click on the tagged product link (kept on this page so the test can flush the event queue).
  await page.evaluate(() => document.addEventListener("click", (e) => e.preventDefault()));
  await firstSlide.locator(".rr-p a").first().click();
  await page.evaluate(() => (window as unknown as { RR: { flush: () => void } }).RR.flush());
  await expect.poll(() => db.contentEvent.count({ where: { shop: demo.shop, type: "click" } }), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => db.eventRollup.aggregate({ where: { shop: demo.shop }, _sum: { clicks: true } }).then((r) => r._sum.clicks ?? 0)).toBeGreaterThan(0);

  // Shopify's orders/create for that cart: note_attributes and line item properties as checkout copies them.
  const createdAt = new Date().toISOString();
  const order = {
    id: 5823945765123,
    name: "#1099",
    created_at: createdAt,
    currency: cart.currency || "USD",
    total_price: (cart.total_price / 100).toFixed(2),
    landing_site: "/",
    note_attributes: Object.entries(cart.attributes).map(([name, value]) => ({ name, value })),
    line_items: cart.items.map((i) => ({ product_id: i.product_id, variant_id: i.variant_id, quantity: i.quantity, price: (i.price / 100).toFixed(2), properties: Object.entries(i.properties ?? {}).map(([name, value]) => ({ name, value })) })),
    refunds: [],
  };
  const res = await signedWebhook({ baseUrl: `http://127.0.0.1:${demo.appPort}`, path: "/webhooks/orders/create", topic: "orders/create", shop: demo.shop, body: order, secret: demo.secret });
  expect(res.status, await res.clone().text()).toBe(200);
  const revenue = `$${(cart.total_price / 100).toFixed(2)}`;

  const admin = (await newPage(browser)).page;
  const day = createdAt.slice(0, 10);
  const weekAgo = new Date(Date.parse(createdAt) - 6 * 86_400_000).toISOString().slice(0, 10);
  await admin.goto(`${demo.adminUrl}/app/report?from=${weekAgo}&to=${day}&group=item`);
  const app = admin.frameLocator('iframe[title="ReplyReel"]');
  await expect.poll(() => app.getByRole("heading", { name: "Report" }).isVisible(), { timeout: 20_000 }).toBe(true);
  const row = app.getByRole("row").filter({ hasText: title });
  await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
  const cells = (await row.locator("th, td").allTextContents()).map((c) => c.trim());
  // Item, impressions, plays, clicks, CTR, add to carts, orders, revenue…
  expect(cells[0]).toBe(title);
  expect(cells[6]).toBe("1");
  expect(cells[7]).toBe(revenue);
  await expect.poll(() => app.getByText(/Last touch, 7-day window/).isVisible()).toBe(true);
  await expect.poll(() => app.getByText("1 of 1 orders in this range were credited", { exact: false }).isVisible()).toBe(true);
  await keepScreenshot(admin, "admin-report");
  expect(errors).toEqual([]);
});
