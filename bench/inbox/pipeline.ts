// `npm run bench:inbox`: how long receiveMessage() takes, from the call to the
// stored, classified row with its suggestion (issue 5 bar: p95 < 50 ms for a
// contact-form message). In process, on a fresh SQLite database, with the
// Admin API answered by MSW in the same process (so order lookups measure our
// side only: Shopify's own latency, typically 100-300 ms, comes on top).
//   node bench/inbox/pipeline.ts [--n=400]
// The app opens SQLite in WAL mode with synchronous=NORMAL (app/db.server.ts,
// docs/decisions/0010); the header prints what the connection reports.
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { prepareBenchDatabase, root } from "../bench-database.ts";

const n = Number(process.argv.find((a) => a.startsWith("--n="))?.slice(4) ?? 400);
const dir = path.join(root, "tmp/bench-inbox");
prepareBenchDatabase({ file: path.join(dir, "bench.sqlite"), recreate: true, nodeEnv: "development" });

// MSW before any Shopify module captures fetch.
await import("../../tests/mocks/register-admin-api.ts");
const { createOfflineSession } = await import("../../tests/factories.ts");
const { fixtureOrders } = await import("../../tests/fixtures/shop.ts");
const { loadCorpus } = await import("../../app/core/intents/builtin-model.ts");
const { receiveMessage, warmUpClassifier } = await import("../../app/models/pipeline.server.ts");
const { listTemplates } = await import("../../app/models/templates.server.ts");
const { getPrisma } = await import("../../app/db.server.ts");

const [{ journal_mode: journal }] = await getPrisma().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
const [{ synchronous }] = await getPrisma().$queryRawUnsafe<{ synchronous: number }[]>("PRAGMA synchronous");
const shop = "bench-shop.myshopify.com";
await createOfflineSession({ shop });
await listTemplates({ shop });
const started = performance.now();
warmUpClassifier();
const modelLoadMs = performance.now() - started;

// Real shopper lines (the held-out corpus, never trained on), every language.
const lines = loadCorpus("heldout").filter((e) => e.label !== "oos");
function pick(i: number) {
  return lines[(i * 7919) % lines.length];
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

type Scenario = { name: string; input: (i: number) => Parameters<typeof receiveMessage>[0]["input"] };
const scenarios: Scenario[] = [
  {
    name: "contact form, no order number, no email (no Admin API call)",
    input: (i) => ({ channel: "contact_form", externalId: `a-${i}`, customerName: "Ana", body: pick(i).text }),
  },
  {
    name: "contact form with email (Admin API lookup only for order intents)",
    input: (i) => ({ channel: "contact_form", externalId: `b-${i}`, customerName: "Ana", customerEmail: `shopper${i % 50}@example.com`, body: pick(i).text }),
  },
  {
    name: "contact form, order number + matching email (Admin API lookup, MSW)",
    input: (i) => {
      const order = fixtureOrders[i % fixtureOrders.length];
      return { channel: "contact_form", externalId: `c-${i}`, customerEmail: order.email, body: `Hi, where is my order ${order.name}? Thanks` };
    },
  },
];

console.log(`# Inbox pipeline — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, Node ${process.version}`);
console.log(`SQLite journal_mode=${journal}, synchronous=${["OFF", "NORMAL", "FULL", "EXTRA"][Number(synchronous)] ?? synchronous}; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(`built-in model load: ${modelLoadMs.toFixed(0)} ms (once per process, at server start)\n`);
console.log("| scenario | n | median ms | p95 ms | p99 ms | max ms |");
console.log("|---|---|---|---|---|---|");
for (const scenario of scenarios) {
  // Warm-up: JIT and the database's caches.
  for (let i = 0; i < 20; i++) await receiveMessage({ shop, input: { ...scenario.input(i), externalId: `warm-${scenario.name}-${i}` } });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const { message } = await receiveMessage({ shop, input: scenario.input(i) });
    times.push(performance.now() - t0);
    if (message.stage !== "done") throw new Error(`message ${message.id} ended in stage ${message.stage}: ${message.failureReason}`);
  }
  times.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  console.log(`| ${scenario.name} | ${n} | ${f(quantile(times, 0.5))} | ${f(quantile(times, 0.95))} | ${f(quantile(times, 0.99))} | ${f(times.at(-1)!)} |`);
}
await getPrisma().$disconnect();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
