// The storefront contact form in Chromium, through the demo's app proxy (signed
// like Shopify's) to the real built server: inline with JavaScript, and as a
// plain form post without it.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { startDemo, type RunningDemo } from "../../scripts/demo/start.ts";
import { freePort, launchBrowser, newPage, saveScreenshot } from "./browser.ts";

let demo: RunningDemo;
let browser: Browser;

async function storedMessages() {
  const { PrismaClient } = await import("@prisma/client");
  const { PrismaLibSQL } = await import("@prisma/adapter-libsql");
  const prisma = new PrismaClient({ adapter: new PrismaLibSQL({ url: demo.databaseUrl }) });
  try {
    return await prisma.message.findMany({ where: { shop: demo.shop, channel: "contact_form" }, orderBy: { createdAt: "asc" } });
  } finally {
    await prisma.$disconnect();
  }
}

beforeAll(async () => {
  const [port, appPort] = [await freePort(), await freePort()];
  demo = await startDemo({ port, appPort, build: false, quiet: true, dataDir: `tmp/e2e-contact-${port}` });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

test("with JavaScript the form answers inline in the shopper's language and the message is stored once", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.storefrontUrl}/pages/contact?locale=zh-CN`);
  await page.getByLabel("姓名").fill("张伟");
  await page.getByLabel("电子邮箱").fill("wei.e2e@example.com");
  await page.getByLabel("留言", { exact: true }).fill("你好，我的订单 #1041 到哪了？");
  const urlBefore = page.url();
  await page.getByRole("button").click();
  const status = page.getByRole("status");
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe("感谢您的留言，我们会尽快回复您。");
  expect(page.url()).toBe(urlBefore);
  await saveScreenshot(page, "storefront-contact-sent");

  // The demo seed has its own contact-form messages: look for this shopper's.
  const stored = (await storedMessages()).filter((m) => m.customerEmail === "wei.e2e@example.com");
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ customerName: "张伟", body: "你好，我的订单 #1041 到哪了？" });
  expect(stored[0].externalId).toMatch(/^form:[0-9a-f]{32}$/);
  expect(errors).toEqual([]);
});

test("a field the server refuses is marked invalid inline", async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${demo.storefrontUrl}/pages/contact`);
  await page.getByLabel("Name").fill("Ana");
  // Valid for the browser's own check, refused by the server's (a single-label domain).
  await page.getByLabel("Email").fill("ana@localhost");
  await page.getByLabel("Message", { exact: true }).fill("Hello?");
  await page.getByRole("button").click();
  await expect.poll(() => page.getByLabel("Email").getAttribute("aria-invalid"), { timeout: 15_000 }).toBe("true");
  expect(await page.getByRole("status").textContent()).toContain("check the highlighted fields");
  // The browser reports the 400 answer as a failed resource load; nothing else may fail.
  expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
});

test("without JavaScript the post answers with the confirmation inside the theme, and is stored", async () => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
  });
  const page = await context.newPage();
  await page.goto(`${demo.storefrontUrl}/pages/contact?locale=fr`);
  await page.getByLabel("Nom").fill("Claire Martin");
  await page.getByLabel("E-mail").fill("claire.e2e@example.fr");
  await page.getByLabel("Message", { exact: true }).fill("Bonjour, livrez-vous en Belgique ?");
  await Promise.all([page.waitForURL(/\/apps\/replyreel\/contact/), page.getByRole("button").click()]);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).first().textContent()).toBe("Message envoyé");
  expect(await page.getByRole("status").textContent()).toBe("Merci pour votre message. Nous vous répondrons rapidement.");
  await saveScreenshot(page, "storefront-contact-no-js");
  await context.close();

  const stored = await storedMessages();
  const claire = stored.filter((m) => m.customerEmail === "claire.e2e@example.fr");
  expect(claire).toHaveLength(1);
  expect(claire[0].externalId).toMatch(/^form-hash:/);
});
