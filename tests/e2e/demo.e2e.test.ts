import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { startDemo, type RunningDemo } from "../../scripts/demo/start.ts";
import { freePort, launchBrowser, newPage, saveScreenshot } from "./browser.ts";

let demo: RunningDemo;
let browser: Browser;

beforeAll(async () => {
  const [port, appPort] = [await freePort(), await freePort()];
  demo = await startDemo({ port, appPort, build: false, quiet: true, dataDir: `tmp/e2e-demo-${port}` });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

test("the admin home renders inside the local admin frame through the real authenticate.admin", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(demo.adminUrl);
  const app = page.frameLocator('iframe[title="ReplyReel"]');
  await expect.poll(() => app.getByRole("heading", { name: "ReplyReel" }).isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => app.getByText("Answer shoppers faster").isVisible()).toBe(true);
  await expect.poll(() => app.getByText(demo.shop).isVisible()).toBe(true);
  await saveScreenshot(page, "admin-home");
  expect(errors).toEqual([]);
});

test("a reload without a token goes through the bounce page and comes back authenticated", async () => {
  const { page, errors } = await newPage(browser);
  const host = Buffer.from(`admin.shopify.com/store/${demo.shop.replace(".myshopify.com", "")}`).toString("base64url");
  // Open the app directly as the frame would after a reload: no id_token in the URL.
  await page.goto(`${demo.adminUrl.replace(/\/admin$/, "")}/app?embedded=1&shop=${demo.shop}&host=${host}`);
  await expect.poll(() => page.getByText("Answer shoppers faster").isVisible(), { timeout: 20_000 }).toBe(true);
  expect(page.url()).toContain("id_token=");
  expect(errors).toEqual([]);
});

test("the storefront preview shows the contact-form block", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.storefrontUrl}/pages/contact`);
  const form = page.locator("form[action$='/apps/replyreel/contact']");
  await expect.poll(() => form.isVisible()).toBe(true);
  await expect.poll(() => page.getByLabel(/email/i).first().isVisible()).toBe(true);
  await saveScreenshot(page, "storefront-contact");
  expect(errors).toEqual([]);
});

test("the storefront product page renders", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(demo.storefrontUrl);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).first().isVisible()).toBe(true);
  await saveScreenshot(page, "storefront-product");
  expect(errors).toEqual([]);
});
