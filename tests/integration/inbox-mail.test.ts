// Sending replies (issue 5 item 4) through nodemailer to a real SMTP server
// that this test starts; and auto-send allowed vs never (item 7).
import { beforeEach, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { receiveMessage } from "../../app/models/pipeline.server.ts";
import { getShopSettings, updateShopSettings } from "../../app/models/settings.server.ts";
import { decryptSecret } from "../../app/models/secrets.server.ts";
import { resolveMessage, sendReply } from "../../app/models/replies.server.ts";
import { testSmtpConnection } from "../../app/models/mailer.server.ts";
import { createOfflineSession } from "../factories.ts";
import { fixtureOrders } from "../fixtures/shop.ts";
import { resetDatabase } from "../support/database.ts";
import { setupSmtpServer } from "../support/smtp-server.ts";

const SHOP = "alpha-store.myshopify.com";
const smtp = setupSmtpServer();
const order = fixtureOrders.find((o) => o.name === "#1044")!;

async function configureSmtp(extra: Parameters<typeof updateShopSettings>[0]["input"] = {}) {
  return updateShopSettings({
    shop: SHOP,
    input: {
      smtpHost: "127.0.0.1",
      smtpPort: smtp.port,
      smtpSecure: false,
      smtpUser: smtp.user,
      smtpPassword: smtp.pass,
      fromEmail: "support@alpha.example",
      fromName: "Alpha Store",
      ...extra,
    },
  });
}

beforeEach(async () => {
  await resetDatabase(prisma);
  await createOfflineSession({ shop: SHOP });
});

test("the SMTP password is stored encrypted, bound to the shop, and never returned", async () => {
  const settings = await configureSmtp();
  expect(settings.smtp).toEqual({ host: "127.0.0.1", port: smtp.port, secure: false, user: smtp.user, passwordSet: true });
  expect(JSON.stringify(settings)).not.toContain(smtp.pass);
  const row = await prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
  expect(row.smtpPasswordEnc).not.toContain(smtp.pass);
  expect(decryptSecret({ shop: SHOP, stored: row.smtpPasswordEnc! })).toBe(smtp.pass);
  expect(() => decryptSecret({ shop: "other.myshopify.com", stored: row.smtpPasswordEnc! })).toThrow(/does not decrypt/);
  // Two encryptions of the same value differ (random IV).
  await configureSmtp();
  expect((await prisma.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } })).smtpPasswordEnc).not.toBe(row.smtpPasswordEnc);
  // Absent password keeps it; null clears it.
  await updateShopSettings({ shop: SHOP, input: { fromName: "Alpha" } });
  expect((await getShopSettings({ shop: SHOP })).smtp.passwordSet).toBe(true);
  await updateShopSettings({ shop: SHOP, input: { smtpPassword: null } });
  expect((await getShopSettings({ shop: SHOP })).smtp.passwordSet).toBe(false);
});

test("bad settings are refused with the field named", async () => {
  await expect(updateShopSettings({ shop: SHOP, input: { fromEmail: "not-an-email" } })).rejects.toThrow(/email/);
  await expect(updateShopSettings({ shop: SHOP, input: { thresholds: { order_status: 2 } } })).rejects.toThrow();
  await expect(updateShopSettings({ shop: SHOP, input: { languages: ["de"] as never } })).rejects.toThrow();
});

test("testSmtpConnection logs in with the stored password, and reports a wrong one", async () => {
  expect(await testSmtpConnection({ shop: SHOP })).toEqual({ ok: false, reason: expect.stringMatching(/not configured/) });
  await configureSmtp();
  expect(await testSmtpConnection({ shop: SHOP })).toEqual({ ok: true });
  expect(smtp.logins).toEqual([smtp.user]);
  await configureSmtp({ smtpPassword: "wrong" });
  const failed = await testSmtpConnection({ shop: SHOP });
  expect(failed.ok).toBe(false);
  if (!failed.ok) {
    expect(failed.reason).toMatch(/EAUTH|535|Invalid/);
    expect(failed.reason).not.toContain("wrong");
  }
});

test("a reply to an email goes out threaded, as plain text and escaped HTML, and is recorded", async () => {
  await configureSmtp();
  const { message } = await receiveMessage({
    shop: SHOP,
    input: {
      channel: "email",
      externalId: "<q2@customer.example>",
      emailMessageId: "<q2@customer.example>",
      inReplyTo: "<q1@customer.example>",
      references: "<q0@customer.example> <q1@customer.example>",
      customerName: "Wei <Zhang>",
      customerEmail: order.email,
      subject: "Order question",
      body: `Where is order ${order.name}? <script>alert("x")</script> & thanks`,
    },
  });
  const body = `${message.suggestedReply}\n\nP.S. <b>not bold</b> & "quoted"`;
  const { reply, message: updated } = await sendReply({ shop: SHOP, messageId: message.id, body, author: "merchant" });
  expect(reply).toMatchObject({ shop: SHOP, status: "sent", error: null, author: "merchant", channel: "email", conversationId: message.conversationId });
  expect(updated).toMatchObject({ status: "sent" });
  expect(updated.firstResponseAt).toBeInstanceOf(Date);

  expect(smtp.received).toHaveLength(1);
  const [mail] = smtp.received;
  expect(mail.envelope).toEqual({ from: "support@alpha.example", to: [order.email] });
  expect(mail.parsed.from?.value).toEqual([{ address: "support@alpha.example", name: "Alpha Store" }]);
  expect(mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value[0].address : null).toBe(order.email);
  expect(mail.parsed.subject).toBe("Re: Order question");
  expect(mail.parsed.messageId).toBe(reply.emailMessageId);
  expect(reply.emailMessageId).toMatch(/^<[^@]+@alpha\.example>$/);
  expect(mail.parsed.inReplyTo).toBe("<q2@customer.example>");
  expect(mail.parsed.references).toEqual(["<q0@customer.example>", "<q1@customer.example>", "<q2@customer.example>"]);
  // Plain text as written; the customer's words are quoted below.
  expect(mail.parsed.text).toContain('P.S. <b>not bold</b> & "quoted"');
  expect(mail.parsed.text).toContain("> Where is order");
  // HTML: every piece of shopper and merchant text escaped.
  const html = String(mail.parsed.html);
  expect(html).toContain("&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;");
  expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  expect(html).not.toMatch(/<script|<b>/);
  expect(html).toContain(`<a href="${order.fulfillments[0].trackingUrl}">`);

  // The customer answers our reply: it joins the same conversation.
  const followUp = await receiveMessage({
    shop: SHOP,
    input: {
      channel: "email",
      externalId: "<q3@customer.example>",
      emailMessageId: "<q3@customer.example>",
      inReplyTo: reply.emailMessageId!,
      customerEmail: "other-address@example.com",
      body: "Thanks, got it",
    },
  });
  expect(followUp.message.conversationId).toBe(message.conversationId);
});

test("a contact-form message has no thread to join: no In-Reply-To, a localised subject", async () => {
  await configureSmtp();
  const { message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-1", customerEmail: "ana@example.com", body: "Hola, ¿cuál es vuestra política de devoluciones?" },
  });
  await sendReply({ shop: SHOP, messageId: message.id, body: message.suggestedReply!, author: "merchant", resolve: true });
  const [mail] = smtp.received;
  expect(mail.parsed.subject).toBe("Tu mensaje a Alpha Store");
  expect(mail.parsed.inReplyTo).toBeUndefined();
  expect(mail.parsed.references).toBeUndefined();
  const stored = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
  expect(stored.status).toBe("resolved");
  expect(stored.resolvedAt).toBeInstanceOf(Date);
});

test("a traditional-Chinese contact-form message gets its localised subject in traditional characters", async () => {
  await configureSmtp();
  const { message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-hant", customerEmail: "lin@example.com", body: "請問你們的退貨政策是什麼？謝謝" },
  });
  await sendReply({ shop: SHOP, messageId: message.id, body: message.suggestedReply!, author: "merchant" });
  const [mail] = smtp.received;
  expect(mail.parsed.subject).toBe("關於您給 Alpha Store 的留言");
  expect(mail.parsed.text).toContain("我們的退換貨及退款政策");
});

test("a failed send is recorded with its error and leaves the message as it was", async () => {
  await configureSmtp({ smtpPassword: "wrong" });
  const { message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-2", customerEmail: "ana@example.com", body: "Hello" },
  });
  const { reply, message: after } = await sendReply({ shop: SHOP, messageId: message.id, body: "Hi!", author: "merchant" });
  expect(reply).toMatchObject({ status: "failed", sentAt: null });
  expect(reply.error).toMatch(/EAUTH|535|Invalid/);
  expect(after.status).toBe(message.status);
  expect(after.firstResponseAt).toBeNull();
  expect(smtp.received).toHaveLength(0);
});

test("imported and API messages are answered by export: recorded, nothing mailed", async () => {
  await configureSmtp();
  for (const channel of ["import", "api"] as const) {
    const { message } = await receiveMessage({
      shop: SHOP,
      input: { channel, externalId: `${channel}-1`, source: "amazon", customerEmail: "buyer@marketplace.example", body: "What is your return policy?" },
    });
    const { reply, message: after } = await sendReply({ shop: SHOP, messageId: message.id, body: "See the policy.", author: "merchant" });
    expect(reply).toMatchObject({ status: "exported", channel });
    expect(after.status).toBe("sent");
  }
  expect(smtp.received).toHaveLength(0);
});

test("auto-send: an allowed, confident order question goes out; a complaint never does", async () => {
  await configureSmtp({ mode: "auto_send", thresholds: { order_status: 0.8 } });
  const allowed = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-auto-1", customerEmail: order.email, body: `Hi, where is my order ${order.name}? Thanks` },
  });
  expect(allowed.message).toMatchObject({ intent: "order_status", status: "auto_sent" });
  expect(allowed.message.decisionReason).toMatch(/^auto-send: order_status/);
  const replies = await prisma.reply.findMany({ where: { shop: SHOP, messageId: allowed.message.id } });
  expect(replies).toMatchObject([{ author: "auto", status: "sent" }]);
  expect(smtp.received).toHaveLength(1);
  expect(smtp.received[0].parsed.text).toContain(order.fulfillments[0].trackingUrl);

  // Even with complaint listed as an auto-send intent at threshold 0.
  await updateShopSettings({ shop: SHOP, input: { autoSendIntents: ["order_status", "complaint"], thresholds: { complaint: 0, order_status: 0.8 } } });
  const complaint = await receiveMessage({
    shop: SHOP,
    input: {
      channel: "contact_form",
      externalId: "cf-auto-2",
      customerEmail: order.email,
      body: `My order ${order.name} arrived broken and the item is damaged. Very disappointed.`,
    },
  });
  expect(complaint.message).toMatchObject({ intent: "complaint", status: "suggested" });
  expect(complaint.message.decisionReason).toMatch(/sensitive/);
  expect(await prisma.reply.count({ where: { shop: SHOP, messageId: complaint.message.id } })).toBe(0);
  expect(smtp.received).toHaveLength(1);
});

test("auto-send is blocked by a marketplace's no-link rule and by banned words", async () => {
  await configureSmtp({ mode: "auto_send", complianceRules: { "*": { bannedWords: ["política"] } } });
  const amazon = await receiveMessage({
    shop: SHOP,
    input: { channel: "api", externalId: "amz-1", source: "amazon", customerEmail: "buyer@marketplace.example", body: "What is your return policy?" },
  });
  expect(amazon.message).toMatchObject({ intent: "return_policy", status: "suggested" });
  expect(amazon.message.decisionReason).toMatch(/channel rules: external link https:\/\/alpha-store\.myshopify\.com\/policies\/refund-policy/);

  const banned = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-es", customerEmail: "ana@example.com", body: "Hola, ¿cuál es vuestra política de devoluciones?" },
  });
  expect(banned.message).toMatchObject({ intent: "return_policy", status: "suggested" });
  expect(banned.message.decisionReason).toMatch(/banned word "política"/);
  expect(smtp.received).toHaveLength(0);
});

test("auto-send without SMTP stays a suggestion, with the reason", async () => {
  await updateShopSettings({ shop: SHOP, input: { mode: "auto_send" } });
  const { message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "contact_form", externalId: "cf-x", customerEmail: "ana@example.com", body: "What is your return policy?" },
  });
  expect(message.status).toBe("suggested");
  expect(message.decisionReason).toMatch(/email sending is not configured/);
});

test("resolveMessage closes a message; an unknown id is a 404", async () => {
  const { message } = await receiveMessage({ shop: SHOP, input: { channel: "contact_form", externalId: "cf-r", body: "Hello" } });
  expect((await resolveMessage({ shop: SHOP, messageId: message.id })).status).toBe("resolved");
  await expect(resolveMessage({ shop: SHOP, messageId: "nope" })).rejects.toMatchObject({ status: 404 });
});

test("an order found with an email typed in the text is suggested, never auto-sent", async () => {
  await configureSmtp({ mode: "auto_send", thresholds: { order_status: 0.8 } });
  const { message } = await receiveMessage({
    shop: SHOP,
    input: { channel: "api", externalId: "api-typed", source: "tiktok_shop", body: `Where is my order ${order.name}? My email is ${order.email}` },
  });
  expect(message).toMatchObject({ intent: "order_status", status: "suggested" });
  expect(JSON.parse(message.orderContext ?? "{}")).toMatchObject({ status: "found", match: "unverified_email" });
  expect(message.suggestedReply).toContain(order.name);
  expect(message.decisionReason).toMatch(/not matched with the sender's own email/);
  expect(await prisma.reply.count({ where: { shop: SHOP } })).toBe(0);
});
