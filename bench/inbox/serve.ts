// The app server for the inbox benchmarks: server.ts with the build named by
// REPLYREEL_BENCH_BUILD (default build/server/index.js), so a benchmark can run
// against its own build while the shared one is being rebuilt.
// REPLYREEL_BENCH_ADMIN_LATENCY_MS: every Admin API call (answered by MSW in
// this process) waits that long first, as Shopify's own 100–300 ms would.
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadBuild, startServer } from "../../server.ts";

const adminLatencyMs = Number(process.env.REPLYREEL_BENCH_ADMIN_LATENCY_MS ?? 0);
if (adminLatencyMs > 0) {
  // Before the build loads: @shopify/shopify-api keeps the fetch it finds at import.
  const intercepted = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (/\.myshopify\.com\//.test(url)) await sleep(adminLatencyMs);
    return intercepted(input, init);
  };
}

const buildPath = process.env.REPLYREEL_BENCH_BUILD ?? path.resolve(import.meta.dirname, "../../build/server/index.js");
const server = await startServer({ build: await loadBuild(buildPath), log: false });
const address = server.address();
console.log(`bench server on ${typeof address === "object" && address ? address.port : address}`);

// A normal exit on SIGTERM, so `--cpu-prof` (bench --profile) gets to write its profile.
process.once("SIGTERM", () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
