// Insights (issue 6 item 6) from stored messages and corrections, and the
// learning page's actions, through the built server.
import { expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { decode } from "turbo-stream";
import prisma from "../../app/db.server.ts";
import { getInsights, parseInsightsRange } from "../../app/models/insights.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/test-env.ts";

const app = setupAppServer();
const SHOP = "insights-alpha.myshopify.com";
const OTHER = "insights-beta.myshopify.com";
const DAY = 86_400_000;
const END = Date.parse("2026-11-20T00:00:00Z");

type Row = { intent: string; status: string; language: string; day: number; waitMin?: number; body?: string; guess?: string };

async function seed(shop: string, rows: Row[]) {
  await prisma.message.createMany({
    data: rows.map((r, i) => {
      const receivedAt = new Date(END - r.day * DAY + 3_600_000);
      return {
        shop,
        channel: "email",
        externalId: `${shop}-${i}`,
        body: r.body ?? `message ${i}`,
        receivedAt,
        intent: r.intent,
        confidence: 0.8,
        status: r.status,
        stage: "done",
        language: r.language,
        alternatives: r.guess ? JSON.stringify([{ label: r.guess, confidence: 0.3 }]) : null,
        firstResponseAt: r.waitMin === undefined ? null : new Date(receivedAt.getTime() + r.waitMin * 60_000),
      };
    }),
  });
}

const rows: Row[] = [
  { intent: "order_status", status: "auto_sent", language: "en", day: 1, waitMin: 1 },
  { intent: "order_status", status: "auto_sent", language: "en", day: 1, waitMin: 1 },
  { intent: "order_status", status: "sent", language: "fr", day: 2, waitMin: 30 },
  { intent: "shipping_info", status: "resolved", language: "en", day: 3, waitMin: 90 },
  { intent: "complaint", status: "sent", language: "zh", day: 3, waitMin: 10 },
  { intent: "spam", status: "spam", language: "en", day: 4 },
  { intent: "unknown", status: "suggested", language: "en", day: 5, body: "Do you ship to Iceland?", guess: "shipping_info" },
  { intent: "unknown", status: "suggested", language: "en", day: 5, body: "do you ship to iceland please", guess: "shipping_info" },
  { intent: "unknown", status: "suggested", language: "en", day: 6, body: "Can I pay with bitcoin?", guess: "payment_issue" },
  { intent: "order_status", status: "sent", language: "en", day: 40, waitMin: 5 }, // outside the range
];

test("insights count intents over time, languages, auto-replies, first response, accuracy and unknown groups of one shop", async () => {
  await seed(SHOP, rows);
  await seed(OTHER, rows.slice(0, 3));
  // The complaint was first predicted as order_status; the shipping message was right.
  const complaint = await prisma.message.findFirstOrThrow({ where: { shop: SHOP, intent: "complaint" } });
  await prisma.intentExample.create({ data: { shop: SHOP, messageId: complaint.id, text: complaint.body, label: "complaint", predicted: "order_status", createdAt: new Date(END - 3 * DAY) } });
  // A correction imported without a message, and one of a message outside the range, are not inbox accuracy.
  await prisma.intentExample.create({ data: { shop: SHOP, messageId: null, text: "fitting at the studio", label: "product_info", predicted: "unknown" } });
  const old = await prisma.message.findFirstOrThrow({ where: { shop: SHOP, receivedAt: { lt: new Date(END - 30 * DAY) } } });
  await prisma.intentExample.create({ data: { shop: SHOP, messageId: old.id, text: old.body, label: "refund_status", predicted: "order_status" } });

  const { range, error } = parseInsightsRange(new URLSearchParams({ from: "2026-10-21", to: "2026-11-19" }));
  expect(error).toBeNull();
  const insights = await getInsights({ shop: SHOP, range });
  expect(insights.total).toBe(9);
  const perDay = insights.series.buckets.map((b) => Object.values(b.counts).reduce((a, c) => a + c, 0));
  expect(perDay.reduce((a, c) => a + c, 0)).toBe(9);
  expect(insights.series.buckets.length).toBe(30);
  expect(insights.series.intents[0]).toBe("order_status");
  expect(insights.languages).toEqual([
    { language: "en", count: 7 },
    { language: "fr", count: 1 },
    { language: "zh", count: 1 },
  ]);
  expect(insights.autoReply).toEqual({ autoSent: 2, answerable: 8, rate: 2 / 8 });
  // Waits 1, 1, 30, 90, 10 minutes → median 10.
  expect(insights.firstResponse).toEqual({ medianMs: 10 * 60_000, measured: 5 });
  // Handled: order_status sent (right), shipping resolved (right), spam (right), complaint (corrected from order_status).
  expect(insights.accuracy).toMatchObject({ total: 4, correct: 3, corrections: 1 });
  expect(insights.accuracy.counts.order_status).toEqual({ order_status: 1, complaint: 1 });
  expect(insights.unknown.total).toBe(3);
  expect(insights.unknown.groups[0]).toMatchObject({ count: 2, guess: "shipping_info" });

  const bad = parseInsightsRange(new URLSearchParams({ from: "2026-11-30", to: "2026-11-01" }));
  expect(bad.error).toMatch(/after the end date/);

  await createOfflineSession({ shop: SHOP });
  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/insights?from=2026-10-21&to=2026-11-19", shop: SHOP });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("Predicted vs corrected intent");
  expect(html).toContain("/app/knowledge?intent=shipping_info");
  expect(html).toContain("25.0%");

  const other = await getInsights({ shop: OTHER, range });
  expect(other.total).toBe(3);
  expect(other.unknown.total).toBe(0);
});

async function postLearning(shop: string, fields: Record<string, string>) {
  const url = `${app.baseUrl}/app/learning.data`;
  const signed = await setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(url),
  );
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: signed.headers.get("authorization") ?? "", "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const decoded = await decode(res.body!);
  await decoded.done;
  const value = decoded.value as { data: { ok: boolean; error?: string; version?: number } };
  return { status: res.status, data: value.data };
}

test("the learning page refuses bad input and a retrain without corrections, and starts one off the request path", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  expect(await postLearning(SHOP, { _action: "activate", version: "x" })).toMatchObject({ status: 400, data: { ok: false } });
  expect(await postLearning(SHOP, { _action: "retrain" })).toMatchObject({ status: 400, data: { ok: false, error: expect.stringContaining("no corrections") } });
  await prisma.intentExample.createMany({
    data: ["Can I book a fitting at the studio?", "Is there a fitting slot on Saturday?", "I'd like a fitting appointment"].map((text, i) => ({ shop: SHOP, messageId: `m${i}`, text, label: "product_info" })),
  });
  const started = await postLearning(SHOP, { _action: "retrain" });
  expect(started).toMatchObject({ status: 202, data: { ok: true, version: 1 } });
  expect((await prisma.intentModel.findFirstOrThrow({ where: { shop: SHOP } })).status).toBe("training");
  expect(await postLearning(SHOP, { _action: "retrain" })).toMatchObject({ status: 409 });
  expect(await postLearning(OTHER, { _action: "activate", version: "1" })).toMatchObject({ status: 404 });
  // The server bundle has its own module instance: wait on the database, as the page does.
  await expect.poll(async () => (await prisma.intentModel.findFirstOrThrow({ where: { shop: SHOP } })).status, { timeout: 90_000, interval: 250 }).not.toBe("training");
  const done = await prisma.intentModel.findFirstOrThrow({ where: { shop: SHOP } });
  expect(["active", "rejected"]).toContain(done.status);
  const page = await (await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/learning", shop: SHOP })).text();
  expect(page).toContain(done.status === "active" ? "Version 1" : "Rejected");
}, 120_000);

test("insights count the shop's days: a message at 23:30 UTC belongs to the next day in Paris", async () => {
  const late = new Date("2026-11-19T23:30:00Z"); // 00:30 on the 20th in Paris
  await prisma.message.create({
    data: { shop: SHOP, channel: "email", externalId: "late-1", body: "where is my order", receivedAt: late, intent: "order_status", confidence: 0.9, status: "suggested", stage: "done", language: "en" },
  });
  const params = new URLSearchParams({ from: "2026-11-19", to: "2026-11-20" });
  const utc = await getInsights({ shop: SHOP, range: parseInsightsRange(params).range });
  const paris = parseInsightsRange(params, "Europe/Paris").range;
  expect(paris.from.toISOString()).toBe("2026-11-18T23:00:00.000Z");
  const inParis = await getInsights({ shop: SHOP, range: paris });
  const countOn = (insights: typeof utc, day: string) => {
    const bucket = insights.series.buckets.find((b) => b.label === day);
    return bucket ? Object.values(bucket.counts).reduce((a, c) => a + c, 0) : undefined;
  };
  expect([countOn(utc, "2026-11-19"), countOn(utc, "2026-11-20")]).toEqual([1, 0]);
  expect([countOn(inParis, "2026-11-19"), countOn(inParis, "2026-11-20")]).toEqual([0, 1]);
  // Without from/to the range ends on the shop's today.
  const now = new Date("2026-11-30T23:30:00Z");
  expect(parseInsightsRange(new URLSearchParams(), "Europe/Paris", now).range.toDay).toBe("2026-12-01");
  expect(parseInsightsRange(new URLSearchParams(), "UTC", now).range.toDay).toBe("2026-11-30");
});
