// npm run bench:admin [-- --runs=40] [-- --fresh] [-- --messages=100000]
// The inbox admin's queries with 100,000 messages in one shop (issue 6 bar:
// the list and the message page answer within 1 s). Seeds with batched
// inserts into tmp/bench-admin/ (reused; --fresh rebuilds), prints the query
// plans of the list's queries, then the median and p95 of each loader's work:
// the list loader (page + counts + filter options, as app.inbox._index runs
// them) for the common views, and the message page (getMessageDetail).
import os from "node:os";
import path from "node:path";
import { prepareBenchDatabase, root } from "../bench-database.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const runs = arg("runs", 40);
const MESSAGES = arg("messages", 100_000);
const file = path.join(root, "tmp/bench-admin", `admin-${MESSAGES}.sqlite`);
const { fresh } = prepareBenchDatabase({ file, recreate: args.includes("--fresh") });
const SHOP = "bench-inbox.myshopify.com";
const OTHER = "bench-other.myshopify.com";

const { getPrisma } = await import("../../app/db.server.ts");
const { countByStatus, filterOptions, getMessageDetail, InboxFilterSchema, listInbox } = await import("../../app/models/inbox.server.ts");
const prisma = getPrisma();

const INTENTS = ["order_status", "shipping_info", "return_request", "product_info", "complaint", "refund_status", "greeting_thanks", "unknown", "spam"];
const LANGS = ["en", "en", "en", "zh", "es", "fr"];
const CHANNELS = ["contact_form", "contact_form", "email", "import", "api"];
// Most of a mature inbox is answered: a few thousand open messages among 100,000.
const STATUS = (i: number) => (i % 20 === 0 ? "new" : i % 20 < 3 ? "suggested" : i % 20 < 4 ? "spam" : i % 20 < 10 ? "resolved" : i % 20 < 15 ? "sent" : "auto_sent");
const LEVELS = [
  ["urgent", 0.9],
  ["high", 0.7],
  ["normal", 0.45],
  ["low", 0.15],
] as const;

async function seed(shop: string, count: number) {
  const started = performance.now();
  const perConversation = 3;
  const start = Date.now() - 365 * 86_400_000;
  const batch = 2_000;
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    const conversations = [];
    const messages = [];
    for (let j = 0; j < size; j++) {
      const i = offset + j;
      const conversationId = `${shop}-c${Math.floor(i / perConversation)}`;
      const receivedAt = new Date(start + Math.floor((i / count) * 365 * 86_400_000));
      if (i % perConversation === 0) {
        conversations.push({ id: conversationId, shop, customerEmail: `customer${Math.floor(i / perConversation)}@example.com`, customerName: `Customer ${i}`, lastMessageAt: receivedAt });
      }
      const [priority, score] = LEVELS[(i * 7) % LEVELS.length];
      messages.push({
        id: `${shop}-m${i}`,
        shop,
        channel: CHANNELS[i % CHANNELS.length],
        externalId: `bench-${i}`,
        conversationId,
        customerName: `Customer ${Math.floor(i / perConversation)}`,
        customerEmail: `customer${Math.floor(i / perConversation)}@example.com`,
        subject: i % 4 === 0 ? `Order #${1000 + (i % 9000)}` : null,
        body: `Hello, this is message ${i}. Where is my order #${1000 + (i % 9000)}? I ordered the linen dress ${i % 30} days ago and would like to know when it ships.`,
        language: LANGS[i % LANGS.length],
        receivedAt,
        status: STATUS(i),
        stage: "done",
        priority,
        priorityScore: score + ((i % 97) / 97) * 0.09,
        intent: INTENTS[i % INTENTS.length],
        confidence: 0.5 + (i % 50) / 100,
        alternatives: JSON.stringify([{ label: "shipping_info", confidence: 0.1 }]),
        entities: JSON.stringify([{ type: "order_number", value: String(1000 + (i % 9000)), raw: `#${1000 + (i % 9000)}`, start: 0, end: 5, mentions: [] }]),
        orderContext: JSON.stringify({ status: "skipped", reason: "bench" }),
        suggestedReply: `Hi Customer, your order #${1000 + (i % 9000)} has shipped.`,
      });
    }
    await prisma.conversation.createMany({ data: conversations });
    await prisma.message.createMany({ data: messages });
    const replies = messages
      .filter((m) => ["sent", "auto_sent"].includes(m.status))
      .map((m) => ({ shop, messageId: m.id, conversationId: m.conversationId, body: m.suggestedReply, author: m.status === "auto_sent" ? "auto" : "merchant", channel: m.channel, status: "sent", sentAt: m.receivedAt }));
    await prisma.reply.createMany({ data: replies });
  }
  return (performance.now() - started) / 1000;
}

let seedSeconds: number | null = null;
if (fresh || (await prisma.message.count({ where: { shop: SHOP } })) !== MESSAGES) {
  await prisma.reply.deleteMany({});
  await prisma.message.deleteMany({});
  await prisma.conversation.deleteMany({});
  seedSeconds = await seed(SHOP, MESSAGES);
  await seed(OTHER, Math.round(MESSAGES / 10));
  await prisma.$executeRawUnsafe("ANALYZE");
}
const [messages, replies, conversations] = await Promise.all([prisma.message.count(), prisma.reply.count(), prisma.conversation.count()]);

console.log(`# bench:admin — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, Node ${process.version}, SQLite`);
console.log(
  `data: ${MESSAGES.toLocaleString("en-US")} messages in ${SHOP} (+${Math.round(MESSAGES / 10).toLocaleString("en-US")} in another shop), ` +
    `${replies.toLocaleString("en-US")} replies, ${conversations.toLocaleString("en-US")} conversations; ${messages.toLocaleString("en-US")} messages in all` +
    (seedSeconds !== null ? ` (seeded now in ${seedSeconds.toFixed(1)} s)` : ` (reused ${path.relative(root, file)})`)
);

// The plans SQLite picks for the list's two shapes (first page, and a page after a cursor).
const plan = async (label: string, sql: string, params: unknown[]) => {
  const rows = (await prisma.$queryRawUnsafe(`EXPLAIN QUERY PLAN ${sql}`, ...params)) as { detail: string }[];
  console.log(`plan (${label}): ${rows.map((r) => r.detail).join(" | ")}`);
};
// "open" is one query per status (new, suggested), merged.
await plan("one status, first page", `SELECT id FROM Message WHERE shop = ? AND status = 'new' ORDER BY priorityScore DESC, receivedAt ASC, id ASC LIMIT 51`, [SHOP]);
await plan(
  "one status, after a cursor",
  `SELECT id FROM Message WHERE shop = ? AND status = 'new' AND (priorityScore < ? OR (priorityScore = ? AND receivedAt > ?) OR (priorityScore = ? AND receivedAt = ? AND id > ?)) ORDER BY priorityScore DESC, receivedAt ASC, id ASC LIMIT 51`,
  [SHOP, 0.5, 0.5, 0, 0.5, 0, "x"]
);
await plan("all, first page", `SELECT id FROM Message WHERE shop = ? ORDER BY priorityScore DESC, receivedAt ASC, id ASC LIMIT 51`, [SHOP]);
await plan("counts", `SELECT status, COUNT(*) FROM Message WHERE shop = ? GROUP BY status`, [SHOP]);

const filter = (input: Record<string, string>) => InboxFilterSchema.parse(input);
const loader = async (f: ReturnType<typeof filter>, after?: string | null) =>
  Promise.all([listInbox({ shop: SHOP, filter: f, after }), countByStatus({ shop: SHOP }), filterOptions({ shop: SHOP })]);

// A cursor deep in the "all" view (page 200) to time a later page.
let deep: string | null = null;
for (let page = 0, after: string | null = null; page < 200; page++) {
  const result = await listInbox({ shop: SHOP, filter: filter({ status: "all" }), after });
  after = result.next;
  deep = after;
}
const ids = (await prisma.message.findMany({ where: { shop: SHOP }, select: { id: true }, take: runs, skip: 1_000 })).map((m) => m.id);

type Case = { name: string; run: (i: number) => Promise<unknown> };
const cases: Case[] = [
  { name: "list page only: open", run: () => listInbox({ shop: SHOP, filter: filter({}) }) },
  { name: "list page only: all", run: () => listInbox({ shop: SHOP, filter: filter({ status: "all" }) }) },
  { name: "counts per status", run: () => countByStatus({ shop: SHOP }) },
  { name: "filter options", run: () => filterOptions({ shop: SHOP }) },
  { name: "list loader: open (default view)", run: () => loader(filter({})) },
  { name: "list loader: all", run: () => loader(filter({ status: "all" })) },
  { name: "list loader: all, page 201 (cursor)", run: () => loader(filter({ status: "all" }), deep) },
  { name: "list loader: open + intent + language", run: () => loader(filter({ intent: "order_status", language: "en" })) },
  { name: "list loader: all + channel + priority", run: () => loader(filter({ status: "all", channel: "email", priority: "urgent" })) },
  { name: "list loader: all + date range (30 days)", run: () => loader(filter({ status: "all", from: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) })) },
  { name: "list loader: open + search", run: () => loader(filter({ q: "linen dress 7 days" })) },
  { name: "list loader: all + search (rare)", run: () => loader(filter({ status: "all", q: "message 99999." })) },
  { name: "message page (getMessageDetail)", run: (i) => getMessageDetail({ shop: SHOP, id: ids[i % ids.length], filter: filter({}) }) },
];

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`\n| query | median ms | p95 ms | runs |\n|---|---:|---:|---:|`);
for (const c of cases) {
  await c.run(0); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await c.run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${c.name} | ${quantile(times, 0.5).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} | ${runs} |`);
}
await prisma.$disconnect();
