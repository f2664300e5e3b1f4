// Builds the theme app extension's content-block assets from their readable
// sources (extensions/theme-blocks-src) into extensions/theme-blocks/assets,
// minified: the storefront budget is 6 KB of JS gzipped for all blocks (SPEC §7).
// Shopify uploads assets/ as they are, so the built files are committed.
//   node scripts/build-storefront.ts            writes the assets
//   node scripts/build-storefront.ts --check    exits 1 when an asset is out of date
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { transformWithEsbuild } from "vite";

const root = path.resolve(import.meta.dirname, "..");
export const sourceDir = path.join(root, "extensions/theme-blocks-src");
export const assetsDir = path.join(root, "extensions/theme-blocks/assets");

// asset → its sources, concatenated in order
export const STOREFRONT_ASSETS: Record<string, string[]> = {
  "rr-events.js": ["rr-events.js"],
  "shoppable-videos.js": ["shoppable-videos.js"],
  "ugc-gallery.js": ["ugc-gallery.js"],
  "shoppable-videos.css": ["rr-core.css", "shoppable-videos.css"],
  "ugc-gallery.css": ["rr-core.css", "ugc-gallery.css"],
};

const banner = (asset: string) =>
  asset.endsWith(".js")
    ? `/* ReplyReel ${asset}: built from extensions/theme-blocks-src by scripts/build-storefront.ts; edit the source. */\n`
    : `/* ReplyReel ${asset}: built from extensions/theme-blocks-src; edit the source. */\n`;

export async function buildStorefrontAsset(asset: string): Promise<string> {
  const source = STOREFRONT_ASSETS[asset].map((file) => readFileSync(path.join(sourceDir, file), "utf8")).join("\n");
  const loader = asset.endsWith(".css") ? "css" : "js";
  const result = await transformWithEsbuild(source, asset, { loader, minify: true, target: loader === "js" ? "es2019" : "chrome80", legalComments: "none" });
  return banner(asset) + result.code;
}

async function main() {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const asset of Object.keys(STOREFRONT_ASSETS)) {
    const built = await buildStorefrontAsset(asset);
    const file = path.join(assetsDir, asset);
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing: stale
    }
    if (current === built) continue;
    if (check) stale.push(asset);
    else writeFileSync(file, built);
  }
  if (stale.length > 0) {
    console.error(`storefront assets out of date: ${stale.join(", ")}; run node scripts/build-storefront.ts`);
    process.exit(1);
  }
}

if (import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
