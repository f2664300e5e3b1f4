// npm run bench:inbox (with import.ts): signed contact-form posts against the
// real built server at a steady rate (open loop: Poisson arrivals, each
// request sent at its scheduled time whatever the earlier ones are doing, its
// latency counted from that time, so a slow server cannot slow the load down).
// Prints the HTTP latency (the shopper is answered once the message is stored)
// and, from the stored rows, the time from storing to the finished pipeline
// (classified, order context, suggestion: processedAt − createdAt), and checks
// that every accepted post got there.
// SPEC §7: a contact-form message is stored, classified and suggested within 50 ms at p95.
//   node bench/inbox/contact-form.ts [--rate=50] [--seconds=20] [--admin-latency=0]
// --admin-latency=150 makes every Admin API call (MSW) take 150 ms first, like Shopify's.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { DEMO_SHOP, fixtureOrders } from "../../tests/fixtures/shop.ts";
import { startBenchServer } from "./server.ts";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const rate = arg("rate", 50);
const seconds = arg("seconds", 20);
const adminLatency = arg("admin-latency", 0);
// --profile: the server writes a V8 CPU profile (tmp/bench/profiles/*.cpuprofile) when it stops.
const profile = process.argv.includes("--profile");

// The server process's CPU time (user + system, ms) from /proc: a figure a busy machine does not inflate much.
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

const texts = [
  (o: (typeof fixtureOrders)[number]) => ({ locale: "en", message: `Hi, where is my order ${o.name}? It has been a week.` }),
  (o: (typeof fixtureOrders)[number]) => ({ locale: "zh-CN", message: `你好，我的订单 ${o.name} 到哪了？` }),
  (o: (typeof fixtureOrders)[number]) => ({ locale: "es", message: `Hola, ¿puedo devolver el pedido ${o.name}? La talla no me queda.` }),
  () => ({ locale: "fr", message: "Bonjour, livrez-vous au Canada et quels sont les délais ?" }),
  () => ({ locale: "en", message: "Do you have the linen midi dress in size M?" }),
];

function quantile(sorted: number[], q: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

// A fixed sequence of inter-arrival gaps (exponential, mean 1/rate), the same on every run.
function arrivals(count: number): number[] {
  let seed = 0x2545f491;
  const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) + 0.5) / 2 ** 32;
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) times.push((t += (-Math.log(random()) / rate) * 1_000));
  return times;
}

// The limiter is not what is measured here: every request comes from its own visitor, and the shop's budget is raised.
// The report's demo events (a million rows) play no part in a contact form: not seeded.
const server = await startBenchServer({
  name: "contact",
  env: {
    REPLYREEL_CONTACT_RATE_SHOP: "1000000/60",
    DEMO_EVENTS: "0",
    DEMO_ORDERS: "0",
    REPLYREEL_BENCH_ADMIN_LATENCY_MS: String(adminLatency),
  },
  nodeOptions: profile ? `--cpu-prof --cpu-prof-dir=${path.resolve(import.meta.dirname, "../../tmp/bench/profiles")}` : undefined,
});
const runId = `bench-${process.pid}`;
function post(n: number, id = `${runId}-${String(n).padStart(10, "0")}`) {
  const order = fixtureOrders[n % fixtureOrders.length];
  const { locale, message } = texts[n % texts.length](order);
  const body = new URLSearchParams({ name: `${order.customerFirstName} ${order.customerLastName}`, email: order.email, message, locale, submission_id: id });
  return fetch(`${server.baseUrl}/proxy/contact?${appProxyQuery({ shop: DEMO_SHOP, secret: server.secret }).toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "X-Forwarded-For": `198.51.${(n >> 8) & 255}.${n & 255}` },
    body,
  });
}

try {
  // Warm-up (JIT, caches, connections): not counted.
  for (let i = 0; i < 20; i++) await (await post(i, `warmup-${process.pid}-${String(i).padStart(10, "0")}`)).text();

  const schedule = arrivals(Math.round(rate * seconds));
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const cpuBefore = cpuMs(server.child.pid);
  const start = performance.now();
  const startWall = Date.now(); // the server stamps rows with the same machine's clock
  const pending: Promise<void>[] = [];
  for (const [n, at] of schedule.entries()) {
    const wait = start + at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const scheduled = start + at;
    pending.push(
      post(n)
        .then(async (res) => {
          await res.text();
          latencies.push(performance.now() - scheduled);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        })
        .catch(() => void errors++)
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1_000;

  Object.assign(process.env, server.env);
  const { getPrisma } = await import("../../app/db.server.ts");
  const prisma = getPrisma();
  const where = { shop: DEMO_SHOP, channel: "contact_form", externalId: { startsWith: `form:${runId}-` } };
  // The pipeline finishes after the answer: wait (up to 60 s) until no message of this run is still in it.
  const drainDeadline = Date.now() + 60_000;
  while ((await prisma.message.count({ where: { ...where, stage: { in: ["received", "classified"] } } })) > 0 && Date.now() < drainDeadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpuPerPost = (cpuMs(server.child.pid) - cpuBefore) / schedule.length;
  // Counted after the server stopped, so no write of its own is still in flight.
  await server.stop();
  const stored = await prisma.message.count({ where });
  const classified = await prisma.message.count({ where: { ...where, intent: { not: null } } });
  const suggested = await prisma.message.count({ where: { ...where, suggestedReply: { not: null } } });
  const failed = await prisma.message.count({ where: { ...where, stage: "failed" } });
  const byStatus = await prisma.message.groupBy({ by: ["status"], where, _count: true });
  const rows = await prisma.message.findMany({
    where: { ...where, processedAt: { not: null } },
    select: { externalId: true, createdAt: true, processedAt: true },
  });
  await prisma.$disconnect();
  const toDone = rows.map((r) => (r.processedAt as Date).getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  // The whole bar: from the moment the post was due to be sent to the suggestion written (ms clocks).
  const sentToDone = rows
    .map((r) => (r.processedAt as Date).getTime() - (startWall + schedule[Number(r.externalId.slice(`form:${runId}-`.length))]))
    .sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);

  const ok = [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((sum, [, c]) => sum + c, 0);
  const f = (x: number) => x.toFixed(1);
  console.log(`# Contact form: POST /proxy/contact, signed, ${rate} req/s (Poisson arrivals, open loop) for ${seconds} s, Admin API latency ${adminLatency} ms (MSW)`);
  console.log(`${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · Node ${process.version} · SQLite · load average ${os.loadavg()[0].toFixed(1)}\n`);
  console.log(`requests        ${schedule.length} in ${elapsed.toFixed(1)} s (${[...statuses].map(([s, c]) => `${s} × ${c}`).join(", ")}; errors ${errors})`);
  console.log(`HTTP ms         p50 ${f(quantile(latencies, 0.5))}  p95 ${f(quantile(latencies, 0.95))}  p99 ${f(quantile(latencies, 0.99))}  max ${f(latencies.at(-1) ?? NaN)} (from each request's scheduled time)`);
  // From the rows (millisecond timestamps): stored → pipeline done (classified, order looked up, suggestion or decision written).
  console.log(`stored→done ms  p50 ${quantile(toDone, 0.5)}  p95 ${quantile(toDone, 0.95)}  p99 ${quantile(toDone, 0.99)}  max ${toDone.at(-1)} (${toDone.length} rows, processedAt − createdAt)`);
  console.log(`sent→done ms    p50 ${f(quantile(sentToDone, 0.5))}  p95 ${f(quantile(sentToDone, 0.95))}  p99 ${f(quantile(sentToDone, 0.99))}  max ${f(sentToDone.at(-1) ?? NaN)} (scheduled send → processedAt: the bar)`);
  console.log(`server CPU      ${f(cpuPerPost)} ms per post (user + system of the server process, /proc; with 2 cores and the load generator beside it)`);
  console.log(`stored          ${stored} (${schedule.length} sent, ${ok} answered 2xx) · classified ${classified} · suggested ${suggested} · failed ${failed}`);
  console.log(`statuses        ${byStatus.map((s) => `${s.status} ${s._count}`).join(", ")}`);
  const pass = quantile(latencies, 0.95) < 50 && quantile(sentToDone, 0.95) < 50 && stored >= ok && classified >= ok && failed === 0 && ok === schedule.length;
  console.log(`bar (HTTP p95 < 50 ms and sent→suggestion p95 < 50 ms, every post answered 2xx, stored, classified, none failed): ${pass ? "met" : "NOT met"}`);
} finally {
  await server.stop();
}
