// Settings actions over real HTTP through the built server (issue 6 item 4):
// session-token auth, zod validation with field errors (400), API keys shown
// once and stored hashed, revocation, the SMTP connection test against a real
// SMTP server, and two shops that never see each other's settings.
import { expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { decode } from "turbo-stream";
import prisma from "../../app/db.server.ts";
import { hashApiKey } from "../../app/models/api-keys.server.ts";
import { getInboundSecret, getShopSettings } from "../../app/models/settings.server.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { setupSmtpServer } from "../support/smtp-server.ts";
import { TEST_API_KEY, TEST_API_SECRET } from "../support/test-env.ts";

const app = setupAppServer();
const smtp = setupSmtpServer();
const SHOP = "settings-alpha.myshopify.com";
const OTHER = "settings-beta.myshopify.com";

type ActionData = { form: string; ok: boolean; secret?: string; message?: string; result?: { error?: Record<string, string[] | null> } };

/** Posts a form to a route's action as App Bridge's fetch does (single fetch: `<path>.data`), decoding the turbo-stream reply. */
async function post(shop: string, path: string, fields: [string, string][]): Promise<{ status: number; data: ActionData }> {
  const url = `${app.baseUrl}${path}.data`;
  const signed = await setUpValidRequest(
    { type: RequestType.Bearer, store: shop.replace(".myshopify.com", ""), apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(url),
  );
  const body = new URLSearchParams(fields);
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: signed.headers.get("authorization") ?? "", "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const decoded = await decode(res.body!);
  await decoded.done;
  const value = decoded.value as { data?: ActionData } | ActionData;
  return { status: res.status, data: ("data" in value ? value.data : value) as ActionData };
}

test("valid general and intent settings are saved; bad input answers 400 with the field errors and changes nothing", async () => {
  await createOfflineSession({ shop: SHOP });
  const ok = await post(SHOP, "/app/settings", [
    ["_action", "general"],
    ["mode", "auto_send"],
    ["languages", "en"],
    ["languages", "fr"],
    ["defaultLanguage", "fr"],
    ["autoRetrainAfter", "25"],
  ]);
  expect(ok).toMatchObject({ status: 200, data: { ok: true } });
  expect(await getShopSettings({ shop: SHOP })).toMatchObject({ mode: "auto_send", languages: ["en", "fr"], defaultLanguage: "fr", autoRetrainAfter: 25 });

  const bad = await post(SHOP, "/app/settings", [
    ["_action", "general"],
    ["mode", "sometimes"],
    ["languages", "en"],
    ["defaultLanguage", "zh"],
    ["autoRetrainAfter", "-3"],
  ]);
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.data.result?.error ?? {}).sort()).toEqual(["autoRetrainAfter", "defaultLanguage", "mode"]);
  expect(bad.data.result?.error?.defaultLanguage).toEqual(["must be one of the shop's languages"]);

  const thresholds = await post(SHOP, "/app/settings", [
    ["_action", "intents"],
    ["thresholds.order_status", "0.85"],
    ["thresholds.complaint", "1.5"],
    ["autoSendIntents", "order_status"],
    ["sensitiveIntents", "complaint"],
  ]);
  expect(thresholds.status).toBe(400);
  expect(thresholds.data.result?.error).toEqual({ "thresholds.complaint": ["must be between 0 and 1"] });
  const saved = await post(SHOP, "/app/settings", [
    ["_action", "intents"],
    ["thresholds.order_status", "0.85"],
    ["autoSendIntents", "order_status"],
    ["autoSendIntents", "shipping_info"],
    ["sensitiveIntents", "complaint"],
  ]);
  expect(saved.status).toBe(200);
  expect(await getShopSettings({ shop: SHOP })).toMatchObject({
    mode: "auto_send",
    thresholds: { order_status: 0.85 },
    autoSendIntents: ["order_status", "shipping_info"],
    sensitiveIntents: ["complaint"],
  });

  const unknown = await post(SHOP, "/app/settings", [["_action", "dropTables"]]);
  expect(unknown).toMatchObject({ status: 400, data: { ok: false, message: expect.stringContaining("unknown form") } });
});

test("an API key is shown once, stored as its hash only, listed by prefix, and revoked for its shop only", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  const empty = await post(SHOP, "/app/settings", [["_action", "createApiKey"], ["name", "  "]]);
  expect(empty.status).toBe(400);
  expect(empty.data.result?.error?.name).toEqual(["is required"]);

  const created = await post(SHOP, "/app/settings", [["_action", "createApiKey"], ["name", "Amazon sync"]]);
  expect(created.status).toBe(200);
  const key = created.data.secret!;
  expect(key).toMatch(/^rr_live_/);
  const row = await prisma.apiKey.findFirstOrThrow({ where: { shop: SHOP } });
  expect(row.hash).toBe(hashApiKey(key));
  expect(JSON.stringify(row)).not.toContain(key);

  // The page lists the prefix, never the key.
  const page = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/settings", shop: SHOP });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(row.prefix);
  expect(html).not.toContain(key);

  const ingest = (k: string) =>
    fetch(`${app.baseUrl}/api/v1/messages`, { method: "POST", headers: { Authorization: `Bearer ${k}`, "Content-Type": "application/json" }, body: "{}" });
  expect((await ingest(key)).status).not.toBe(401);

  // Another shop cannot revoke it.
  const foreign = await post(OTHER, "/app/settings", [["_action", "revokeApiKey"], ["id", row.id]]);
  expect(foreign.status).toBe(404);
  expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();

  const revoked = await post(SHOP, "/app/settings", [["_action", "revokeApiKey"], ["id", row.id]]);
  expect(revoked).toMatchObject({ status: 200, data: { ok: true } });
  expect((await ingest(key)).status).toBe(401);
});

test("SMTP settings keep the password write-only and the connection test reaches a real SMTP server", async () => {
  await createOfflineSession({ shop: SHOP });
  const bad = await post(SHOP, "/app/settings", [["_action", "smtp"], ["smtpHost", "not a host"], ["smtpPort", "99999"]]);
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.data.result?.error ?? {}).sort()).toEqual(["fromEmail", "smtpHost", "smtpPort"]);

  const fields: [string, string][] = [
    ["_action", "smtp"],
    ["smtpHost", "127.0.0.1"],
    ["smtpPort", String(smtp.port)],
    ["smtpUser", smtp.user],
    ["smtpPassword", "wrong-password"],
    ["fromEmail", "support@alpha.example"],
    ["fromName", "Alpha"],
  ];
  expect((await post(SHOP, "/app/settings", fields)).status).toBe(200);
  const failed = await post(SHOP, "/app/settings", [["_action", "testSmtp"]]);
  expect(failed).toMatchObject({ status: 422, data: { ok: false, message: expect.stringMatching(/auth|535/i) } });

  // A new password; an empty one afterwards keeps it.
  fields[4] = ["smtpPassword", smtp.pass];
  await post(SHOP, "/app/settings", fields);
  fields[4] = ["smtpPassword", ""];
  await post(SHOP, "/app/settings", fields);
  const row = await prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
  expect(row.smtpPasswordEnc).not.toContain(smtp.pass);
  expect(await post(SHOP, "/app/settings", [["_action", "testSmtp"]])).toMatchObject({ status: 200, data: { ok: true } });
  const page = await (await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/settings", shop: SHOP })).text();
  expect(page).not.toContain(smtp.pass);
});

test("the inbound secret is shown once at rotation, and two shops' settings stay apart", async () => {
  await createOfflineSession({ shop: SHOP });
  await createOfflineSession({ shop: OTHER });
  const rotated = await post(SHOP, "/app/settings", [["_action", "rotateSecret"]]);
  expect(rotated.status).toBe(200);
  expect(await getInboundSecret({ shop: SHOP })).toBe(rotated.data.secret);
  expect(await getInboundSecret({ shop: OTHER })).toBeNull();
  const page = await (await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/settings", shop: SHOP })).text();
  expect(page).not.toContain(rotated.data.secret!);
  expect(page).toContain("Intents and thresholds");
  const zh = await (await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app/settings?locale=zh-CN", shop: SHOP })).text();
  expect(zh).toContain("意图与阈值");
  expect(zh).not.toContain("Intents and thresholds");

  await post(SHOP, "/app/settings", [
    ["_action", "compliance"],
    ["rules.amazon.bannedWords", "cheap, refund guaranteed\nfree"],
    ["rules.amazon.links", "block"],
    ["rules.all.links", "default"],
  ]);
  await post(OTHER, "/app/settings", [["_action", "general"], ["mode", "auto_send"], ["languages", "zh"], ["defaultLanguage", "zh"]]);
  expect((await getShopSettings({ shop: SHOP })).complianceRules).toEqual({ amazon: { bannedWords: ["cheap", "refund guaranteed", "free"], noExternalLinks: true } });
  expect(await getShopSettings({ shop: SHOP })).toMatchObject({ mode: "suggest", defaultLanguage: "en" });
  expect(await getShopSettings({ shop: OTHER })).toMatchObject({ mode: "auto_send", defaultLanguage: "zh", complianceRules: {} });
});

test("without a session token the action is refused", async () => {
  const res = await fetch(`${app.baseUrl}/app/settings.data`, {
    method: "POST",
    headers: { "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: "_action=general&mode=auto_send",
  });
  // Single fetch answers a thrown redirect (to the login / bounce page) as 202 with the redirect in the payload.
  expect([202, 302, 401]).toContain(res.status);
  expect((await prisma.shopSettings.count())).toBe(0);
});
