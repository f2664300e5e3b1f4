import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { gzipSync } from "node:zlib";
import { assetsDir, buildStorefrontAsset, STOREFRONT_ASSETS } from "./build-storefront.ts";

test.each(Object.keys(STOREFRONT_ASSETS))("the committed %s is the build of its source (run node scripts/build-storefront.ts)", async (asset) => {
  expect(readFileSync(path.join(assetsDir, asset), "utf8")).toBe(await buildStorefrontAsset(asset));
});

test("the built scripts stay within the block budget that leaves room for the contact form", async () => {
  const js = await Promise.all(Object.keys(STOREFRONT_ASSETS).filter((a) => a.endsWith(".js")).map(buildStorefrontAsset));
  const gzipped = js.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0);
  const contactForm = gzipSync(readFileSync(path.join(assetsDir, "contact-form.js")), { level: 9 }).length;
  expect(gzipped + contactForm).toBeLessThanOrEqual(6144);
});
