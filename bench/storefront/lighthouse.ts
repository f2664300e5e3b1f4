// npm run bench:storefront: the Lighthouse performance score of the storefront
// preview's product page with the content blocks (Shoppable videos + UGC gallery)
// and without them (?blocks=none), in the same run, alternating, median of 5
// each; Lighthouse's mobile settings (simulated slow 4G and a 4x slower CPU, the
// stricter case, and what Shopify's theme performance scores use) or desktop,
// Debian's Chromium. SPEC §7: the blocks may cost at most 2 points (Shopify's own
// limit for app blocks is 10).
//   node bench/storefront/lighthouse.ts [--runs=5] [--preset=mobile|desktop]
import os from "node:os";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/demo/start.ts";
import { median } from "../inbox/server.ts";
import { freePort } from "../../tests/support/free-port.ts";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 5);
const chromePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const preset = process.argv.find((a) => a.startsWith("--preset="))?.split("=")[1] === "desktop" ? "desktop" : "mobile";

// The report's demo data (issue 8) is not needed to render a product page.
process.env.DEMO_EVENTS ??= "0";
process.env.DEMO_ORDERS ??= "0";
const [port, appPort, debugPort] = [await freePort(), await freePort(), await freePort()];
const demo = await startDemo({ port, appPort, build: false, quiet: true, dataDir: `tmp/bench-lighthouse-${port}` });
const browser = await chromium.launch({
  executablePath: chromePath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--remote-debugging-port=${debugPort}`],
});

type Sample = { score: number; lcp: number; cls: number; tbt: number; bytes: number };
const samples: Record<"with" | "without", Sample[]> = { with: [], without: [] };
try {
  const pages = { with: demo.storefrontUrl, without: `${demo.storefrontUrl}?blocks=none` };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so a slowly changing machine load does not favour one.
    const order: ("with" | "without")[] = i % 2 === 0 ? ["with", "without"] : ["without", "with"];
    for (const variant of order) {
      const result = await lighthouse(pages[variant], { port: debugPort, output: "json", logLevel: "error", onlyCategories: ["performance"] }, preset === "desktop" ? desktopConfig : undefined);
      const lhr = result?.lhr;
      if (!lhr) throw new Error("lighthouse returned no result");
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      samples[variant].push({
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        lcp: audit("largest-contentful-paint"),
        cls: audit("cumulative-layout-shift"),
        tbt: audit("total-blocking-time"),
        bytes: audit("total-byte-weight"),
      });
      console.log(`run ${i + 1} ${variant.padEnd(7)} score ${samples[variant].at(-1)!.score}`);
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}

const summary = (variant: "with" | "without") => {
  const s = samples[variant];
  return {
    score: median(s.map((x) => x.score)),
    lcp: median(s.map((x) => x.lcp)),
    cls: median(s.map((x) => x.cls)),
    tbt: median(s.map((x) => x.tbt)),
    kb: median(s.map((x) => x.bytes)) / 1024,
  };
};
const withBlocks = summary("with");
const without = summary("without");
console.log(`\nmachine: ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${chromePath}, Lighthouse ${preset} preset`);
console.log(`page                      score  LCP ms   CLS     TBT ms  transfer KB   (medians of ${runs})`);
for (const [name, s] of [["product page, no blocks", without], ["product page + blocks", withBlocks]] as const) {
  console.log(`${name.padEnd(26)}${String(s.score).padStart(5)}  ${s.lcp.toFixed(0).padStart(6)}  ${s.cls.toFixed(3).padStart(6)}  ${s.tbt.toFixed(0).padStart(6)}  ${s.kb.toFixed(0).padStart(11)}`);
}
const drop = without.score - withBlocks.score;
console.log(`drop: ${drop} point(s); bar ≤ 2: ${drop <= 2 ? "met" : "NOT met"}`);
