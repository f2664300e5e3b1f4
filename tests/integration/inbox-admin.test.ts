// The inbox admin's model and routes (issue 6 items 1–3): keyset pagination in
// priority-then-waiting order, filters and search, counts, a message with its
// thread, bulk actions that stay inside the shop, and "Try a message".
import { expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server.ts";
import {
  applyBulkAction,
  countByStatus,
  decodeCursor,
  getMessageDetail,
  InboxFilterSchema,
  listInbox,
  parseInboxFilter,
} from "../../app/models/inbox.server.ts";
import type { InboxFilter } from "../../app/models/inbox.server.ts";
import { tryMessage } from "../../app/models/knowledge.server.ts";
import { recordShopTimeZone } from "../../app/models/shop-time-zone.server.ts";
import { receiveMessage } from "../../app/models/pipeline.server.ts";
import { sendReply } from "../../app/models/replies.server.ts";
import { upsertTemplate } from "../../app/models/templates.server.ts";
import { createOfflineSession } from "../factories.ts";
import { fixtureOrders } from "../fixtures/shop.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP } from "../support/test-env.ts";

const app = setupAppServer();
const OTHER = "other-inbox.myshopify.com";
const order1043 = fixtureOrders.find((o) => o.name === "#1043")!;
const filter = (input: Partial<Record<keyof InboxFilter, string>> = {}) => InboxFilterSchema.parse(input);

const STATUSES = ["new", "suggested", "resolved", "spam"] as const;
const PRIORITIES = [
  ["urgent", 0.9],
  ["high", 0.7],
  ["normal", 0.4],
  ["low", 0.1],
] as const;

/** n messages with deliberate ties on priorityScore and receivedAt, so the id breaks them. */
async function seed(shop: string, n: number) {
  const base = Date.UTC(2026, 10, 1);
  const rows = Array.from({ length: n }, (_, i) => {
    const [priority, priorityScore] = PRIORITIES[i % PRIORITIES.length];
    return {
      shop,
      channel: i % 3 === 0 ? "email" : "contact_form",
      externalId: `seed-${i}`,
      customerName: `Customer ${i}`,
      customerEmail: `c${i}@example.com`,
      subject: i % 5 === 0 ? `Subject ${i}` : null,
      body: i % 7 === 0 ? `Where is my parcel ${i}?` : `Question number ${i}`,
      language: i % 2 === 0 ? "en" : "fr",
      intent: i % 2 === 0 ? "order_status" : "product_info",
      status: STATUSES[i % STATUSES.length],
      priority,
      priorityScore,
      // Three messages share each instant.
      receivedAt: new Date(base + Math.floor(i / 3) * 3 * 3_600_000),
      stage: "done",
    };
  });
  await prisma.message.createMany({ data: rows });
}

async function readAll(shop: string, f: InboxFilter, limit: number) {
  const seen: { id: string; priorityScore: number; receivedAt: Date }[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page = await listInbox({ shop, filter: f, after, limit });
    seen.push(...page.rows);
    after = page.next;
    pages++;
  } while (after && pages < 1_000);
  return { seen, pages };
}

test("pages forward through every matching message once, most urgent first then the longest waiting, and back again", async () => {
  await seed(TEST_SHOP, 97);
  await seed(OTHER, 10);
  const all = filter({ status: "all" });
  const { seen, pages } = await readAll(TEST_SHOP, all, 10);
  expect(pages).toBe(10);
  expect(seen).toHaveLength(97);
  expect(new Set(seen.map((r) => r.id)).size).toBe(97);
  const expected = await prisma.message.findMany({
    where: { shop: TEST_SHOP },
    orderBy: [{ priorityScore: "desc" }, { receivedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));

  // Backwards from page 3 gives page 2 exactly.
  const p1 = await listInbox({ shop: TEST_SHOP, filter: all, limit: 10 });
  const p2 = await listInbox({ shop: TEST_SHOP, filter: all, limit: 10, after: p1.next });
  const p3 = await listInbox({ shop: TEST_SHOP, filter: all, limit: 10, after: p2.next });
  const back = await listInbox({ shop: TEST_SHOP, filter: all, limit: 10, before: p3.previous });
  expect(back.rows.map((r) => r.id)).toEqual(p2.rows.map((r) => r.id));
  const first = await listInbox({ shop: TEST_SHOP, filter: all, limit: 10, before: p2.previous });
  expect(first.rows.map((r) => r.id)).toEqual(p1.rows.map((r) => r.id));
  expect(first.previous).toBeNull();
  expect(p1.previous).toBeNull();
});

test.each([
  [{ status: "open" }, (m: Row) => m.status === "new" || m.status === "suggested"],
  [{ status: "spam" }, (m: Row) => m.status === "spam"],
  [{ status: "all", intent: "product_info" }, (m: Row) => m.intent === "product_info"],
  [{ status: "all", priority: "urgent" }, (m: Row) => m.priority === "urgent"],
  [{ status: "all", channel: "email" }, (m: Row) => m.channel === "email"],
  [{ status: "all", language: "fr" }, (m: Row) => m.language === "fr"],
  [{ status: "all", q: "PARCEL" }, (m: Row) => m.body.toLowerCase().includes("parcel")],
  [{ status: "all", q: "Subject 1" }, (m: Row) => (m.subject ?? "").includes("Subject 1")],
  [{ status: "all", q: "c42@example" }, (m: Row) => m.customerEmail === "c42@example.com"],
  [{ status: "all", from: "2026-11-02", to: "2026-11-02" }, (m: Row) => m.receivedAt.toISOString().startsWith("2026-11-02")],
  [{ status: "open", channel: "email", language: "en" }, (m: Row) => ["new", "suggested"].includes(m.status) && m.channel === "email" && m.language === "en"],
])("filter %j returns exactly the matching messages of the shop", async (input, matches) => {
  await seed(TEST_SHOP, 60);
  await seed(OTHER, 60);
  const { seen } = await readAll(TEST_SHOP, filter(input as Record<string, string>), 7);
  const rows = await prisma.message.findMany({ where: { shop: TEST_SHOP } });
  const expected = new Set(rows.filter(matches).map((m) => m.id));
  expect(expected.size).toBeGreaterThan(0);
  expect(new Set(seen.map((r) => r.id))).toEqual(expected);
});
type Row = Awaited<ReturnType<typeof prisma.message.findMany>>[number];

test("the date filter takes the shop's days: in New York, 2026-11-02 runs from 05:00 UTC to 05:00 UTC", async () => {
  await seed(TEST_SHOP, 60);
  await prisma.shop.create({ data: { shop: TEST_SHOP, ianaTimezone: "America/New_York" } });
  const { seen } = await readAll(TEST_SHOP, filter({ status: "all", from: "2026-11-02", to: "2026-11-02" }), 7);
  const rows = await prisma.message.findMany({ where: { shop: TEST_SHOP } });
  const start = Date.parse("2026-11-02T05:00:00Z");
  const expected = new Set(rows.filter((m) => m.receivedAt.getTime() >= start && m.receivedAt.getTime() < start + 86_400_000).map((m) => m.id));
  expect(expected.size).toBeGreaterThan(0);
  expect(new Set(seen.map((r) => r.id))).toEqual(expected);
  // Not the UTC day: the messages of 00:00–05:00 UTC on the 2nd are New York's 1st.
  expect(rows.some((m) => m.receivedAt.toISOString() === "2026-11-02T03:00:00.000Z" && !expected.has(m.id))).toBe(true);
});

test("bad filters and cursors are reported or ignored, never a crash", async () => {
  expect(parseInboxFilter(new URLSearchParams("status=lost"))).toMatchObject({ ok: false });
  expect(parseInboxFilter(new URLSearchParams("from=yesterday"))).toMatchObject({ ok: false });
  expect(parseInboxFilter(new URLSearchParams("status=&q="))).toEqual({ ok: true, filter: filter() });
  expect(decodeCursor("not-base64-json")).toBeNull();
  await seed(TEST_SHOP, 5);
  const page = await listInbox({ shop: TEST_SHOP, filter: filter({ status: "all" }), after: "garbage" });
  expect(page.rows).toHaveLength(5);
});

test("counts per status are the shop's", async () => {
  await seed(TEST_SHOP, 40);
  await seed(OTHER, 13);
  const counts = await countByStatus({ shop: TEST_SHOP });
  expect(counts).toMatchObject({ all: 40, new: 10, suggested: 10, resolved: 10, spam: 10, open: 20, sent: 0, auto_sent: 0 });
});

test("a message's detail has its conversation with our replies in order, parsed context and its neighbours", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const first = await receiveMessage({
    shop: TEST_SHOP,
    input: { channel: "api", externalId: "d-1", customerEmail: order1043.email, customerName: "Ana", body: "Where is my order #1043?" },
  });
  await sendReply({ shop: TEST_SHOP, messageId: first.message.id, body: "It shipped yesterday.", author: "merchant" });
  const second = await receiveMessage({
    shop: TEST_SHOP,
    input: { channel: "api", externalId: "d-2", customerEmail: order1043.email, customerName: "Ana", body: "Thanks! And can I return it later?" },
  });
  expect(second.message.conversationId).toBe(first.message.conversationId);
  const detail = await getMessageDetail({ shop: TEST_SHOP, id: second.message.id, filter: filter({ status: "all" }) });
  expect(detail?.thread.map((t) => [t.kind, t.body])).toEqual([
    ["message", "Where is my order #1043?"],
    ["reply", "It shipped yesterday."],
    ["message", "Thanks! And can I return it later?"],
  ]);
  expect(detail?.entities).toEqual([]);
  const firstDetail = await getMessageDetail({ shop: TEST_SHOP, id: first.message.id, filter: filter({ status: "all" }) });
  const mention = firstDetail?.entities.find((e) => e.type === "order_number");
  expect("Where is my order #1043?".slice(mention!.start, mention!.end)).toBe("#1043");
  expect(firstDetail?.orderContext?.status).toBe("found");
  // Neighbours follow the list's order.
  const list = await listInbox({ shop: TEST_SHOP, filter: filter({ status: "all" }) });
  const index = list.rows.findIndex((r) => r.id === first.message.id);
  expect(firstDetail?.neighbours).toEqual({ previous: list.rows[index - 1]?.id ?? null, next: list.rows[index + 1]?.id ?? null });
  expect(await getMessageDetail({ shop: OTHER, id: first.message.id })).toBeNull();
});

test("bulk actions change only the shop's messages; set intent records corrections", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const mine = await Promise.all(
    ["Where is my order?", "Do you ship to Canada?", "Is the dress true to size?"].map((body, i) =>
      receiveMessage({ shop: TEST_SHOP, input: { channel: "api", externalId: `b-${i}`, customerName: "Bo", body } })
    )
  );
  const theirs = await receiveMessage({ shop: OTHER, input: { channel: "api", externalId: "b-x", customerName: "Cy", body: "Where is my order?" } });
  const ids = [...mine.map((r) => r.message.id), theirs.message.id];

  expect(await applyBulkAction({ shop: TEST_SHOP, input: { action: "intent", ids, label: "stock_availability" } })).toEqual({ updated: 3, skipped: 1 });
  expect(await prisma.intentExample.count({ where: { shop: TEST_SHOP, label: "stock_availability" } })).toBe(3);
  expect(await prisma.intentExample.count({ where: { shop: OTHER } })).toBe(0);
  expect((await prisma.message.findUniqueOrThrow({ where: { id: theirs.message.id } })).intent).not.toBe("stock_availability");

  await applyBulkAction({ shop: TEST_SHOP, input: { action: "resolve", ids: ids.slice(0, 2).concat(theirs.message.id) } });
  expect((await prisma.message.findMany({ where: { id: { in: ids } }, orderBy: { externalId: "asc" } })).map((m) => [m.shop, m.status])).toEqual([
    [TEST_SHOP, "resolved"],
    [TEST_SHOP, "resolved"],
    [TEST_SHOP, "suggested"],
    [OTHER, "suggested"],
  ]);
  await applyBulkAction({ shop: TEST_SHOP, input: { action: "spam", ids: [ids[2]] } });
  expect((await prisma.message.findUniqueOrThrow({ where: { id: ids[2] } })).status).toBe("spam");
});

test("Try a message classifies and answers with the shop's template, storing nothing", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  await upsertTemplate({ shop: TEST_SHOP, input: { intent: "shipping_info", language: "en", body: "We ship to 40 countries, {{first_name|friend}}." } });
  const before = await prisma.message.count();
  const result = await tryMessage({ shop: TEST_SHOP, input: { text: "Do you ship to Canada? How long does delivery take?" } });
  expect(result).toMatchObject({ intent: "shipping_info", language: "en", reply: "We ship to 40 countries, friend." });
  expect(await prisma.message.count()).toBe(before);
  const other = await tryMessage({ shop: OTHER, input: { text: "Do you ship to Canada? How long does delivery take?" } });
  expect(other.reply).not.toContain("40 countries");
  await expect(tryMessage({ shop: TEST_SHOP, input: { text: " " } })).rejects.toThrow();
});

async function adminPost(shop: string, path: string, fields: Record<string, string>) {
  const url = `${app.baseUrl}${path}`;
  const signed = await setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(url)
  );
  return fetch(url, {
    method: "POST",
    headers: { Authorization: signed.headers.get("authorization") ?? "", "User-Agent": BROWSER_UA },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

test("over HTTP: the pages render for the shop, another shop's message is a 404, bad actions are 400s", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  await createOfflineSession({ shop: OTHER });
  const { message } = await receiveMessage({
    shop: TEST_SHOP,
    input: { channel: "api", externalId: "h-1", customerName: "Hana", body: "Where is my order #1043?" },
  });
  const list = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/inbox?status=all", shop: TEST_SHOP });
  expect(list.status).toBe(200);
  expect(await list.text()).toContain("Hana");
  const badFilter = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/inbox?status=lost", shop: TEST_SHOP });
  expect(badFilter.status).toBe(200);
  expect(await badFilter.text()).toContain("These filters are not valid");
  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/inbox/${message.id}`, shop: TEST_SHOP });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Where is my order #1043?");
  // Times on the shop's clock: UTC (said) until its zone is known, then the zone's.
  const received = (await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).receivedAt;
  expect(html).toContain(`${received.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  await recordShopTimeZone({ shop: TEST_SHOP, ianaTimezone: "Asia/Kolkata" }); // as shop/update does
  const inKolkata = new Date(received.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
  expect(await (await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/inbox/${message.id}`, shop: TEST_SHOP })).text()).toContain(inKolkata);
  const foreign = await adminDocumentRequest({ baseUrl: app.baseUrl, path: `/app/inbox/${message.id}`, shop: OTHER });
  expect(foreign.status).toBe(404);
  const knowledge = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/knowledge?intent=shipping_info&language=fr", shop: TEST_SHOP });
  expect(knowledge.status).toBe(200);

  expect((await adminPost(TEST_SHOP, "/app/inbox?index", { action: "explode", ids: message.id })).status).toBe(400);
  expect((await adminPost(TEST_SHOP, `/app/inbox/${message.id}`, { intent: "send", body: "   " })).status).toBe(400);
  expect((await adminPost(TEST_SHOP, "/app/knowledge", { intent: "save", template: "nope", language: "en", body: "x" })).status).toBe(400);
  const unknownVariable = await adminPost(TEST_SHOP, "/app/knowledge", { intent: "save", template: "shipping_info", language: "en", body: "Hi {{nickname}}" });
  expect(unknownVariable.status).toBe(400);

  const foreignResolve = await adminPost(OTHER, "/app/inbox?index", { action: "resolve", ids: message.id });
  expect(foreignResolve.status).toBe(200);
  expect((await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("suggested");
  const resolve = await adminPost(TEST_SHOP, "/app/inbox?index", { action: "resolve", ids: message.id });
  expect(resolve.status).toBe(200);
  expect((await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("resolved");
});
