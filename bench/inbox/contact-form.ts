// npm run bench:inbox (with import.ts): signed contact-form posts at a fixed
// rate against the real built server; prints p50/p95/p99 latency and checks
// that every accepted post was stored, classified and given a suggestion.
// SPEC §7: a contact-form message is stored, classified and suggested within 50 ms at p95.
//   node bench/inbox/contact-form.ts [--rate=50] [--seconds=20]
import os from "node:os";
import autocannon from "autocannon";
import { appProxyQuery } from "../../scripts/demo/app-proxy-signature.ts";
import { DEMO_SHOP, fixtureOrders } from "../../tests/fixtures/shop.ts";
import { startBenchServer } from "./server.ts";

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const rate = arg("rate", 50);
const seconds = arg("seconds", 20);

const texts = [
  (o: (typeof fixtureOrders)[number]) => ({ locale: "en", message: `Hi, where is my order ${o.name}? It has been a week.` }),
  (o: (typeof fixtureOrders)[number]) => ({ locale: "zh-CN", message: `你好，我的订单 ${o.name} 到哪了？` }),
  (o: (typeof fixtureOrders)[number]) => ({ locale: "es", message: `Hola, ¿puedo devolver el pedido ${o.name}? La talla no me queda.` }),
  () => ({ locale: "fr", message: "Bonjour, livrez-vous au Canada et quels sont les délais ?" }),
  () => ({ locale: "en", message: "Do you have the linen midi dress in size M?" }),
];

// The limiter is not what is measured here: every request comes from its own visitor, and the shop's budget is raised.
const server = await startBenchServer({ name: "contact", env: { REPLYREEL_CONTACT_RATE_SHOP: "1000000/60" } });
let sent = 0;
try {
  const warm = new URLSearchParams({ name: "Warm", email: "warm@example.com", message: "warm up", submission_id: "warmup-0000000000000000" });
  await fetch(`${server.baseUrl}/proxy/contact?${appProxyQuery({ shop: DEMO_SHOP, secret: server.secret }).toString()}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: warm.toString(),
  });

  const result = await autocannon({
    url: server.baseUrl,
    connections: 10,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const n = sent++;
          const order = fixtureOrders[n % fixtureOrders.length];
          const { locale, message } = texts[n % texts.length](order);
          const body = new URLSearchParams({
            name: `${order.customerFirstName} ${order.customerLastName}`,
            email: order.email,
            message,
            locale,
            submission_id: `bench-${process.pid}-${String(n).padStart(10, "0")}`,
          }).toString();
          return {
            ...request,
            path: `/proxy/contact?${appProxyQuery({ shop: DEMO_SHOP, secret: server.secret }).toString()}`,
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              Accept: "application/json",
              "X-Forwarded-For": `198.51.${(n >> 8) & 255}.${n & 255}`,
            },
            body,
          };
        },
      },
    ],
  });

  // Counted after the server stopped, so no write of its own is still in flight.
  await server.stop();
  Object.assign(process.env, server.env);
  const { getPrisma } = await import("../../app/db.server.ts");
  const prisma = getPrisma();
  const where = { shop: DEMO_SHOP, channel: "contact_form", externalId: { startsWith: `form:bench-${process.pid}-` } };
  const stored = await prisma.message.count({ where });
  const classified = await prisma.message.count({ where: { ...where, intent: { not: null } } });
  const suggested = await prisma.message.count({ where: { ...where, suggestedReply: { not: null } } });
  const failed = await prisma.message.count({ where: { ...where, stage: "failed" } });
  const byStatus = await prisma.message.groupBy({ by: ["status"], where, _count: true });
  await prisma.$disconnect();

  const ok = result["2xx"];
  console.log(`# Contact form: POST /proxy/contact, signed, ${rate} req/s for ${seconds} s, 10 connections`);
  console.log(`${new Date().toISOString()} · ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length} · Node ${process.version} · SQLite · load average ${os.loadavg()[0].toFixed(1)}\n`);
  console.log(`requests        ${result.requests.total} (2xx ${ok}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  console.log(`latency ms      p50 ${result.latency.p50}  p90 ${result.latency.p90}  p97.5 ${result.latency.p97_5}  p99 ${result.latency.p99}  max ${result.latency.max}`);
  // autocannon's histogram has p90 and p97.5, not p95: interpolate between them, and say so.
  const p95 = result.latency.p90 + ((95 - 90) / (97.5 - 90)) * (result.latency.p97_5 - result.latency.p90);
  console.log(`p95 ms          ≈${p95.toFixed(1)} (interpolated between p90 and p97.5)`);
  console.log(`throughput      ${result.requests.average} req/s`);
  console.log(`stored          ${stored} (${sent} sent, ${ok} answered 2xx) · classified ${classified} · suggested ${suggested} · failed ${failed}`);
  console.log(`statuses        ${byStatus.map((s) => `${s.status} ${s._count}`).join(", ")}`);
  const pass = p95 < 50 && stored >= ok && classified >= ok && result.non2xx === 0;
  console.log(`bar (p95 < 50 ms, every accepted post stored and classified): ${pass ? "met" : "NOT met"}`);
} finally {
  await server.stop();
}
