// CSV / JSONL import through the admin route of the real built server (multipart, streamed).
import { expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/test-env.ts";

const app = setupAppServer();
const SHOP = "alpha-import.myshopify.com";
const OTHER = "beta-import.myshopify.com";

async function upload(shop: string, filename: string, content: string) {
  const url = `${app.baseUrl}/app/import/upload`;
  const signed = await setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(url),
  );
  const form = new FormData();
  form.append("file", new Blob([content], { type: "text/plain" }), filename);
  return fetch(url, { method: "POST", headers: { Authorization: signed.headers.get("authorization") ?? "", "User-Agent": BROWSER_UA }, body: form });
}

type Report = { row: number; status: string; reason: string }[];
async function job(shop: string, id: string) {
  const row = await prisma.importJob.findFirstOrThrow({ where: { shop, id } });
  return { ...row, report: JSON.parse(row.report) as Report };
}

const csv = [
  "external_id,channel,name,email,subject,body,received_at",
  'a-1,amazon,Ana,ana@example.com,Late,"Where is my order #1042? It said ""2 days""",2026-01-02T10:00:00Z',
  "a-2,amazon,Ben,ben@example.com,Size,Do you have it in size 42?,2026-01-03",
  "a-3,amazon,Bad,not-an-email,x,hello,2026-01-03",
  "a-4,tiktok_shop,NoBody,nb@example.com,x,,2026-01-03",
  "a-1,amazon,Ana,ana@example.com,Late,dup of the first row,2026-01-02",
  'a-5,tiktok_shop,Li,li@example.cn,包裹,"我的包裹到哪了？\n订单 #1043",2026-01-04',
  "a-6,amazon,Cy,cy@example.com,x,bad date,yesterday-ish",
].join("\n");

test("a CSV import stores good rows and reports duplicate and rejected rows with their reasons", async () => {
  await createOfflineSession({ shop: SHOP });
  const res = await upload(SHOP, "amazon.csv", csv);
  expect(res.status).toBe(200);
  const { jobId } = (await res.json()) as { jobId: string };
  const result = await job(SHOP, jobId);
  expect(result).toMatchObject({ status: "done", format: "csv", total: 7, imported: 3, duplicates: 1, rejected: 3 });
  const byRow = Object.fromEntries(result.report.map((r) => [r.row, r]));
  expect(byRow[4]).toMatchObject({ status: "rejected", reason: expect.stringContaining("customerEmail") });
  expect(byRow[5]).toMatchObject({ status: "rejected", reason: expect.stringContaining("body") });
  expect(byRow[6]).toMatchObject({ status: "duplicate", reason: expect.stringContaining("a-1") });
  expect(byRow[9]).toMatchObject({ status: "rejected", reason: expect.stringContaining("receivedAt") });

  const stored = await prisma.message.findMany({ where: { shop: SHOP }, orderBy: { externalId: "asc" } });
  expect(stored.map((m) => m.externalId)).toEqual(["a-1", "a-2", "a-5"]);
  expect(stored[0]).toMatchObject({ channel: "import", source: "amazon", customerName: "Ana", body: 'Where is my order #1042? It said "2 days"' });
  expect(stored[2].body).toBe("我的包裹到哪了？\n订单 #1043");

  // The same file again: everything good is a duplicate now, nothing is stored twice.
  const again = (await (await upload(SHOP, "amazon.csv", csv)).json()) as { jobId: string };
  expect(await job(SHOP, again.jobId)).toMatchObject({ imported: 0, duplicates: 4, rejected: 3 });
  expect(await prisma.message.count({ where: { shop: SHOP } })).toBe(3);
});

test("a JSONL import rejects unreadable lines and keeps the good ones beside them", async () => {
  await createOfflineSession({ shop: SHOP });
  const jsonl = [
    JSON.stringify({ external_id: "j-1", source: "zendesk", email: "a@example.com", body: "Can I return this?" }),
    "{not json",
    "",
    JSON.stringify(["an", "array"]),
    JSON.stringify({ external_id: "j-2", body: "¿Hacen envíos a México?", received_at: "2026-02-01T00:00:00Z" }),
    JSON.stringify({ body: "no id: one is derived from the content" }),
  ].join("\n");
  const { jobId } = (await (await upload(SHOP, "zendesk.jsonl", jsonl)).json()) as { jobId: string };
  const result = await job(SHOP, jobId);
  expect(result).toMatchObject({ status: "done", format: "jsonl", total: 5, imported: 3, rejected: 2, duplicates: 0 });
  expect(result.report.map((r) => [r.row, r.status])).toEqual([
    [2, "rejected"],
    [4, "rejected"],
  ]);
  expect(result.report[0].reason).toContain("not JSON");
  // Importing the id-less line again finds it by its content.
  const { jobId: second } = (await (await upload(SHOP, "again.jsonl", JSON.stringify({ body: "no id: one is derived from the content" }))).json()) as {
    jobId: string;
  };
  expect(await job(SHOP, second)).toMatchObject({ imported: 0, duplicates: 1 });
});

test("a CSV without a message column fails the job with the reason", async () => {
  await createOfflineSession({ shop: SHOP });
  const { jobId } = (await (await upload(SHOP, "x.csv", "id,email\n1,a@example.com\n")).json()) as { jobId: string };
  expect(await job(SHOP, jobId)).toMatchObject({ status: "failed", error: expect.stringContaining("no message column"), imported: 0 });
});

test("a file that is neither CSV nor JSONL answers 400", async () => {
  await createOfflineSession({ shop: SHOP });
  const res = await upload(SHOP, "notes.txt", "hello");
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: expect.stringContaining("neither .csv nor .jsonl") });
});

test("an import writes only to the uploading shop, and its jobs are that shop's", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  await upload(SHOP, "a.csv", csv);
  expect(await prisma.message.count({ where: { shop: OTHER } })).toBe(0);
  const { jobId } = (await (await upload(OTHER, "b.csv", csv)).json()) as { jobId: string };
  // The same rows in another shop are new there, not duplicates.
  expect(await job(OTHER, jobId)).toMatchObject({ imported: 3, duplicates: 1 });
  expect(await prisma.importJob.findFirst({ where: { shop: SHOP, id: jobId } })).toBeNull();
});

test("the import page needs a session token", async () => {
  const res = await fetch(`${app.baseUrl}/app/import/upload`, {
    method: "POST",
    headers: { "User-Agent": BROWSER_UA },
    body: new FormData(),
    redirect: "manual",
  });
  expect([302, 401]).toContain(res.status);
  expect(await prisma.importJob.count()).toBe(0);
});

test("the import page renders the drop zone and the last job's report", async () => {
  await createOfflineSession({ shop: SHOP });
  await upload(SHOP, "amazon.csv", csv);
  const res = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/import", shop: SHOP });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("Import messages");
  expect(html).toContain("amazon.csv");
  expect(html).toContain("is already stored");
});
