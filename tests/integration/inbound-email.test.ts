// POST /webhooks/email/inbound through the real built server, signed with the shop's secret.
import { expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { signInboundEmail } from "../../app/models/inbound-email.server.ts";
import { getInboundEmailConfig } from "../../app/models/inbound-email.server.ts";
import { rotateInboundSecret } from "../../app/models/settings.server.ts";
import { setupAppServer } from "../support/app-server.ts";

const app = setupAppServer();
const SHOP = "alpha-mail.myshopify.com";
const OTHER = "beta-mail.myshopify.com";

const email = {
  from: '"Ana Pérez" <Ana@Example.com>',
  to: "support@alpha.example",
  subject: "Where is my order #1042?",
  text: "Hello, my order #1042 has not arrived yet.",
  html: "<p>Hello, my order #1042 has not arrived yet.</p>",
  messageId: "<CAF-1@mail.example.com>",
  inReplyTo: "",
  references: [],
  date: "2026-11-29T10:00:00Z",
};

async function deliver({
  shop = SHOP,
  secret,
  body = JSON.stringify(email),
  timestamp = Math.floor(Date.now() / 1000),
  signature,
  format,
}: {
  shop?: string;
  secret: string;
  body?: string;
  timestamp?: number;
  signature?: string;
  format?: string;
}) {
  const query = new URLSearchParams({ shop, ...(format ? { format } : {}) });
  return fetch(`${app.baseUrl}/webhooks/email/inbound?${query}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-ReplyReel-Timestamp": String(timestamp),
      "X-ReplyReel-Signature": signature ?? signInboundEmail({ secret, timestamp, rawBody: body }),
    },
    body,
  });
}

test("a signed email is stored with its sender parsed, and a redelivery is stored once", async () => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const first = await deliver({ secret });
  expect(first.status).toBe(200);
  const again = await deliver({ secret });
  expect(again.status).toBe(200);
  expect(again.headers.get("X-ReplyReel-Duplicate")).toBe("1");
  const stored = await prisma.message.findMany({ where: { shop: SHOP } });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    channel: "email",
    externalId: "<CAF-1@mail.example.com>",
    customerEmail: "ana@example.com",
    customerName: "Ana Pérez",
    subject: "Where is my order #1042?",
  });
  expect(stored[0].receivedAt.toISOString()).toBe("2026-11-29T10:00:00.000Z");
});

test("a Postmark payload relayed as it is maps with ?format=postmark", async () => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const postmark = {
    FromFull: { Email: "li@example.cn", Name: "Li Wei" },
    To: "support@alpha.example",
    Subject: "包裹",
    TextBody: "我的包裹到哪了？",
    MessageID: "pm-123",
    Date: "Sun, 29 Nov 2026 10:00:00 +0000",
    Headers: [{ Name: "Message-ID", Value: "<pm-real@mail.example.cn>" }],
  };
  const res = await deliver({ secret, body: JSON.stringify(postmark), format: "postmark" });
  expect(res.status).toBe(200);
  expect(await prisma.message.findFirstOrThrow({ where: { shop: SHOP } })).toMatchObject({
    externalId: "<pm-real@mail.example.cn>",
    customerEmail: "li@example.cn",
    source: "postmark",
  });
});

test.each([
  ["a wrong secret", { secret: "wrong" }, 401],
  ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 400 }, 401],
  ["a future timestamp", { timestamp: Math.floor(Date.now() / 1000) + 400 }, 401],
  ["no signature", { signature: "" }, 401],
])("%s answers 401 and stores nothing", async (_label, override, status) => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const res = await deliver({ secret, ...override });
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ reason: expect.any(String) });
  expect(await prisma.message.count()).toBe(0);
});

test("a body changed after signing answers 401", async () => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signInboundEmail({ secret, timestamp, rawBody: JSON.stringify(email) });
  const res = await deliver({ secret, timestamp, signature, body: JSON.stringify({ ...email, text: "tampered" }) });
  expect(res.status).toBe(401);
});

test("a rotated secret replaces the old one", async () => {
  const old = await rotateInboundSecret({ shop: SHOP });
  const current = await rotateInboundSecret({ shop: SHOP });
  expect((await deliver({ secret: old })).status).toBe(401);
  expect((await deliver({ secret: current })).status).toBe(200);
});

test("a shop without a secret, or another shop's secret, is refused", async () => {
  const secretA = await rotateInboundSecret({ shop: SHOP });
  expect((await deliver({ shop: OTHER, secret: secretA })).status).toBe(401);
  await rotateInboundSecret({ shop: OTHER });
  expect((await deliver({ shop: OTHER, secret: secretA })).status).toBe(401);
  expect(await prisma.message.count({ where: { shop: OTHER } })).toBe(0);
});

test.each([
  ["not JSON", "{nope", 400, "not JSON"],
  ["no sender", JSON.stringify({ text: "hi" }), 400, "from"],
  ["a sender without an address", JSON.stringify({ from: "Ana", text: "hi" }), 400, "no email address"],
  ["no body", JSON.stringify({ from: "a@x.com", subject: "s" }), 400, "no text or html"],
])("%s answers 400 with the reason", async (_label, body, status, reason) => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const res = await deliver({ secret, body });
  expect(res.status).toBe(status);
  expect(await res.json()).toMatchObject({ reason: expect.stringContaining(reason) });
});

test("a body over 2 MB answers 413", async () => {
  const secret = await rotateInboundSecret({ shop: SHOP });
  const res = await deliver({ secret, body: JSON.stringify({ ...email, html: "x".repeat(2 * 1024 * 1024 + 10) }) });
  expect(res.status).toBe(413);
});

test("a bad shop or format parameter answers 400", async () => {
  expect((await deliver({ shop: "not a shop", secret: "x" })).status).toBe(400);
  const secret = await rotateInboundSecret({ shop: SHOP });
  expect((await deliver({ secret, format: "carrier-pigeon" })).status).toBe(400);
});

test("the settings page's config names the webhook URL and whether a secret is set, never the secret", async () => {
  expect(await getInboundEmailConfig({ shop: SHOP })).toMatchObject({ secretSet: false, webhookUrl: expect.stringContaining(`shop=${SHOP}`) });
  const secret = await rotateInboundSecret({ shop: SHOP });
  const config = await getInboundEmailConfig({ shop: SHOP });
  expect(config.secretSet).toBe(true);
  expect(JSON.stringify(config)).not.toContain(secret);
  const row = await prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
  expect(row.inboundSecretEnc).not.toContain(secret);
});
