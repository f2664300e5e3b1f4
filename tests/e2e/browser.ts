import { chromium, type Browser, type FrameLocator, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
export { freePort } from "../support/free-port.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const screenshotDir = path.resolve(import.meta.dirname, "../../test-results/screenshots");
/** The README's screenshots, refreshed by the journeys that show each page. */
const docsScreenshots = path.resolve(import.meta.dirname, "../../docs/screenshots");

// Flags that keep Chromium quiet on a closed network (PLATFORM-NOTES.md).
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// Shopify's library answers 410 to bots, and HeadlessChrome is one; a shopper's browser is not.
const userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args });
}

export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, errors };
}

export async function saveScreenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A screenshot in test-results/ that is also kept as the README's docs/screenshots/<name>.png. */
export async function keepScreenshot(page: Page, name: string) {
  const file = await saveScreenshot(page, name);
  mkdirSync(docsScreenshots, { recursive: true });
  copyFileSync(file, path.join(docsScreenshots, `${name}.png`));
}

/** Opens an app page inside the demo's admin frame and returns that frame. */
export async function openApp(page: Page, adminUrl: string, appPath: string): Promise<FrameLocator> {
  await page.goto(`${adminUrl}/${appPath.replace(/^\//, "")}`);
  return page.frameLocator('iframe[title="ReplyReel"]');
}

/**
 * Types `value` into a field until `changed` holds. A server-rendered field is
 * visible before React hydrates it, and what is typed before hydration never
 * reaches the component's state; so each try clears the field first (a real
 * change even if the value is already there) and types again.
 */
/**
 * Waits until React has hydrated an element (it then carries React's props):
 * a change made to a server-rendered control before that never reaches the
 * form's state.
 */
export async function waitForHydration(element: Locator, timeout = 20_000) {
  await expect
    .poll(() => element.evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps"))), { timeout })
    .toBe(true);
}

export async function fillOnceHydrated(field: Locator, value: string, changed: () => Promise<boolean>, timeout = 20_000) {
  await expect
    .poll(
      async () => {
        await field.fill("");
        await field.fill(value);
        return changed();
      },
      { timeout },
    )
    .toBe(true);
}
