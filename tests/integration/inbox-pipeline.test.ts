// The inbox pipeline (issue 5 items 1–3, 5, 7) against the worker's real
// database, with the Admin API answered by MSW at the network boundary.
import { beforeEach, expect, test } from "vitest";
import { graphql, HttpResponse } from "msw";
import prisma from "../../app/db.server.ts";
import { acceptMessage, processMessage, receiveMessage, receiveMessages, resumeUnfinishedMessages, whenPipelineIdle } from "../../app/models/pipeline.server.ts";
import { storeMessage } from "../../app/models/messages.server.ts";
import type { MessageInput } from "../../app/models/messages.server.ts";
import { getShopSettings, updateShopSettings } from "../../app/models/settings.server.ts";
import { listTemplates, previewTemplate, setTemplateEnabled, upsertTemplate } from "../../app/models/templates.server.ts";
import { correctIntent, markSpam } from "../../app/models/replies.server.ts";
import type { StoredOrderContext } from "../../app/core/inbox/order-context.ts";
import { createOfflineSession } from "../factories.ts";
import { fixtureOrders } from "../fixtures/shop.ts";
import { resetDatabase } from "../support/database.ts";
import { mockServer } from "../setup/setup-test-env.ts";
import { forgetShopSessions } from "../../app/models/session-cache.server.ts";

const SHOP = "alpha-store.myshopify.com";
const order = fixtureOrders.find((o) => o.name === "#1043")!; // shipped, with tracking
const unshipped = fixtureOrders.find((o) => o.fulfillments.length === 0)!;

beforeEach(async () => {
  await resetDatabase(prisma);
  await createOfflineSession({ shop: SHOP });
});

let counter = 0;
function contactForm(body: string, extra: Partial<MessageInput> = {}): MessageInput {
  return {
    channel: "contact_form",
    externalId: `cf-${++counter}`,
    customerName: `${order.customerFirstName} ${order.customerLastName}`,
    customerEmail: order.email,
    body,
    ...extra,
  };
}

function storedContext(raw: string | null): StoredOrderContext {
  return JSON.parse(raw ?? "null") as StoredOrderContext;
}

test("an order question is classified, looked up by number and email, and answered with its tracking link", async () => {
  const { created, message } = await receiveMessage({ shop: SHOP, input: contactForm(`Hi, where is my order ${order.name}? It's been a week.`) });
  expect(created).toBe(true);
  expect(message).toMatchObject({ shop: SHOP, stage: "done", status: "suggested", intent: "order_status", language: "en", failureReason: null });
  expect(message.confidence).toBeGreaterThan(0.5);
  const context = storedContext(message.orderContext);
  expect(context).toMatchObject({ status: "found", match: "number_and_email", order: { name: order.name } });
  const tracking = order.fulfillments[0];
  expect(message.suggestedReply).toContain(order.name);
  expect(message.suggestedReply).toContain(tracking.trackingUrl);
  expect(message.suggestedReply).toContain(`Hi ${order.customerFirstName}`);
  expect(message.suggestedReply).not.toMatch(/\{\{|\}\}/);
  // Product links go through the click tracker and lead to the product with the reply's UTM set, with this message's id.
  const link = /https:\/\/\S+\/apps\/replyreel\/r\/\S+/.exec(message.suggestedReply ?? "")?.[0];
  expect(link).toBeDefined();
  const tracked = new URL(link!);
  expect(tracked.pathname).toBe(`/apps/replyreel/r/${message.id}`);
  const target = new URL(tracked.searchParams.get("to") ?? "", tracked.origin);
  expect(target.pathname).toMatch(/^\/products\//);
  expect(Object.fromEntries(target.searchParams)).toMatchObject({ utm_source: "replyreel", utm_medium: "reply", utm_campaign: "order_status", utm_content: message.id });
  expect(message.conversationId).not.toBeNull();
  const conversation = await prisma.conversation.findFirstOrThrow({ where: { shop: SHOP, id: message.conversationId! } });
  expect(conversation).toMatchObject({ customerEmail: order.email, orderName: order.name });
  expect(JSON.parse(message.entities ?? "[]")).toEqual(expect.arrayContaining([expect.objectContaining({ type: "order_number", value: order.name.slice(1) })]));
  // Suggest mode: the reason says why it was not sent.
  expect(message.decisionReason).toMatch(/auto-send is off/);
});

test("an unshipped order is reported as being prepared, without a tracking link", async () => {
  const { message } = await receiveMessage({
    shop: SHOP,
    input: contactForm(`Where is my order ${unshipped.name}?`, { customerEmail: unshipped.email, customerName: undefined }),
  });
  expect(storedContext(message.orderContext)).toMatchObject({ status: "found", order: { name: unshipped.name } });
  expect(message.suggestedReply).toContain(`${unshipped.name} is being prepared`);
  expect(message.suggestedReply).not.toContain("http://www.ups.com");
  expect(message.suggestedReply).toContain(`Hi ${unshipped.customerFirstName}`);
});

test("an order number that belongs to another customer's email is not revealed", async () => {
  const other = fixtureOrders.find((o) => o.email !== order.email)!;
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm(`Where is my order ${other.name}?`) });
  expect(storedContext(message.orderContext)).toMatchObject({ status: "not_found" });
  expect(message.suggestedReply).not.toContain(other.name.slice(1) + " has");
  expect(message.suggestedReply).toMatch(/order number/);
});

test("a redelivered message is stored once and not processed again", async () => {
  const input = contactForm(`Where is my order ${order.name}?`);
  const first = await receiveMessage({ shop: SHOP, input });
  const again = await receiveMessage({ shop: SHOP, input: { ...input, body: "changed text" } });
  expect(again.created).toBe(false);
  expect(again.message.id).toBe(first.message.id);
  expect(again.message.body).toBe(first.message.body);
  expect(await prisma.message.count({ where: { shop: SHOP } })).toBe(1);
});

test("no offline session: the reason is recorded and the message is still answered", async () => {
  await prisma.session.deleteMany({ where: { shop: SHOP } });
  forgetShopSessions(SHOP); // the app's sessions are cached: a direct delete says so, as markShopUninstalled does
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm(`Where is my order ${order.name}?`) });
  expect(message).toMatchObject({ stage: "done", status: "suggested", intent: "order_status", failureReason: null });
  expect(storedContext(message.orderContext)).toMatchObject({ status: "error", reason: expect.stringContaining("no Admin API access") });
  expect(message.decisionReason).toMatch(/order context/);
  expect(message.suggestedReply).toMatch(/order number/);
});

test("an Admin API error is recorded as a reason, not a crash", async () => {
  mockServer.use(graphql.query("OrdersForContext", () => HttpResponse.json({ errors: [{ message: "Throttled" }] })));
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm(`Where is my order ${order.name}?`) });
  expect(message).toMatchObject({ stage: "done", status: "suggested", failureReason: null });
  expect(storedContext(message.orderContext)).toMatchObject({ status: "error", reason: expect.stringContaining("Admin API") });
});

test("no order number and no order intent: no Admin API call at all", async () => {
  let calls = 0;
  mockServer.events.on("request:start", () => {
    calls++;
  });
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm("What is your return policy?", { customerEmail: undefined }) });
  mockServer.events.removeAllListeners();
  expect(message).toMatchObject({ intent: "return_policy", status: "suggested" });
  expect(storedContext(message.orderContext)).toMatchObject({ status: "skipped" });
  expect(calls).toBe(0);
  expect(message.suggestedReply).toContain(`https://${SHOP}/policies/refund-policy`);
});

test("confident spam goes to spam, with no suggestion", async () => {
  const { message } = await receiveMessage({
    shop: SHOP,
    input: contactForm("We offer cheap SEO backlinks and link building services, guaranteed first page on Google! Reply for pricing.", {
      customerEmail: "seo@spam.example",
    }),
  });
  expect(message).toMatchObject({ intent: "spam", status: "spam", suggestedReply: null, priority: "low" });
});

test.each([
  ["zh", "你好，请问你们的退货政策是什么？", "return_policy", "zh"],
  ["es", "Hola, ¿cuál es vuestra política de devoluciones?", "return_policy", "es"],
  ["fr", "Bonjour, quelle est votre politique de retour ?", "return_policy", "fr"],
])("a %s message gets its language's template (%s)", async (_lang, body, intent, language) => {
  await listTemplates({ shop: SHOP });
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm(body, { customerName: undefined }) });
  expect(message).toMatchObject({ intent, language, status: "suggested" });
  const [template] = await listTemplates({ shop: SHOP, intent, language });
  expect(message.templateId).toBe(template.id);
});

test("a Chinese reply is written in the shopper's script: traditional for a traditional message, simplified for a simplified one", async () => {
  await listTemplates({ shop: SHOP });
  const hant = await receiveMessage({ shop: SHOP, input: contactForm("你好，請問你們的退貨政策是什麼？", { customerName: "陳小姐" }) });
  expect(hant.message).toMatchObject({ intent: "return_policy", language: "zh", status: "suggested" });
  // The stored template is simplified; the reply is not, and the shopper's name and the link are kept.
  const [template] = await listTemplates({ shop: SHOP, intent: "return_policy", language: "zh" });
  expect(template.body).toContain("我们的退换货及退款政策");
  expect(hant.message.suggestedReply).toContain("我們的退換貨及退款政策");
  expect(hant.message.suggestedReply).toContain("陳小姐");
  expect(hant.message.suggestedReply).toMatch(/\/policies\/refund-policy/);
  // Written Cantonese: Hong Kong's characters (説, not 說).
  const hk = await receiveMessage({ shop: SHOP, input: contactForm("唔該，你哋嘅退貨政策係點㗎？", { customerEmail: "hk@example.com" }) });
  expect(hk.message).toMatchObject({ intent: "return_policy", language: "zh" });
  expect(hk.message.suggestedReply).toContain("説明");
  expect(hant.message.suggestedReply).toContain("說明");
  const hans = await receiveMessage({ shop: SHOP, input: contactForm("你好，请问你们的退货政策是什么？", { customerEmail: "hans@example.com" }) });
  expect(hans.message.suggestedReply).toContain("我们的退换货及退款政策");
});

test("a language the shop does not answer falls back to its default language, then English", async () => {
  await updateShopSettings({ shop: SHOP, input: { languages: ["en", "fr"], defaultLanguage: "fr" } });
  const zh = await receiveMessage({ shop: SHOP, input: contactForm("请问你们的退货政策是什么？") });
  expect(zh.message.language).toBe("zh");
  expect(zh.message.suggestedReply).toMatch(/politique de retour/);
  const de = await receiveMessage({ shop: SHOP, input: contactForm("Wie lange dauert der Versand nach Deutschland? Vielen Dank") });
  expect(de.message.language).toBe("other");
  expect(de.message.suggestedReply).toMatch(/Bonjour/);
});

test("an edited template is used; a disabled one leaves the message without a suggestion", async () => {
  const saved = await upsertTemplate({
    shop: SHOP,
    input: { intent: "return_policy", language: "en", body: "Dear {{first_name|customer}}, returns are free for 60 days. {{shop_name}}" },
  });
  expect(saved.ok).toBe(true);
  const edited = await receiveMessage({ shop: SHOP, input: contactForm("What is your return policy?") });
  expect(edited.message.suggestedReply).toBe(`Dear ${order.customerFirstName}, returns are free for 60 days. alpha-store`);

  expect(await setTemplateEnabled({ shop: SHOP, intent: "return_policy", language: "en", enabled: false })).toBe(true);
  const off = await receiveMessage({ shop: SHOP, input: contactForm("Hello, what's your return policy please?") });
  expect(off.message).toMatchObject({ intent: "return_policy", status: "new", suggestedReply: null, stage: "done" });
  expect(off.message.decisionReason).toMatch(/turned off/);
});

test("a template with an unknown variable or an open section is refused with the problems", async () => {
  const result = await upsertTemplate({ shop: SHOP, input: { intent: "order_status", language: "en", body: "Hi {{firstname}} {{#order_name}}x" } });
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problems.map((p) => p.message).join(" ")).toMatch(/firstname[\s\S]*never closed/);
});

test("default templates are seeded once per shop, for every intent and language", async () => {
  const templates = await listTemplates({ shop: SHOP });
  expect(templates).toHaveLength(18 * 4);
  expect(new Set(templates.map((t) => `${t.intent}:${t.language}`)).size).toBe(72);
  await listTemplates({ shop: SHOP });
  expect(await prisma.replyTemplate.count({ where: { shop: SHOP } })).toBe(72);
});

test("a complaint is high priority and sensitive", async () => {
  const { message } = await receiveMessage({
    shop: SHOP,
    input: contactForm(`My order ${order.name} arrived damaged and the box was crushed. This is unacceptable!`),
  });
  expect(message.intent).toBe("complaint");
  expect(["high", "urgent"]).toContain(message.priority);
  expect(message.decisionReason).toMatch(/sensitive/);
});

test("email follow-ups thread by In-Reply-To; the same customer's form message joins their conversation", async () => {
  const first = await receiveMessage({
    shop: SHOP,
    input: {
      channel: "email",
      externalId: "<m1@mail.example>",
      emailMessageId: "m1@mail.example",
      customerEmail: order.email.toUpperCase(),
      subject: "Order",
      body: `Where is order ${order.name}?`,
    },
  });
  expect(first.message.emailMessageId).toBe("<m1@mail.example>");
  expect(first.message.customerEmail).toBe(order.email);
  const second = await receiveMessage({
    shop: SHOP,
    input: {
      channel: "email",
      externalId: "<m2@mail.example>",
      emailMessageId: "<m2@mail.example>",
      inReplyTo: "<m1@mail.example>",
      references: "<m1@mail.example>",
      customerEmail: "someone-else@example.com",
      body: "Any news?",
    },
  });
  expect(second.message.conversationId).toBe(first.message.conversationId);
  const third = await receiveMessage({ shop: SHOP, input: contactForm("Thanks a lot!") });
  expect(third.message.conversationId).toBe(first.message.conversationId);
  const stranger = await receiveMessage({ shop: SHOP, input: contactForm("Hello", { customerEmail: "new@example.com" }) });
  expect(stranger.message.conversationId).not.toBe(first.message.conversationId);
});

test("a correction stores a labelled example and re-suggests with the new intent", async () => {
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm("What is your return policy?") });
  const corrected = await correctIntent({ shop: SHOP, messageId: message.id, label: "shipping_info" });
  expect(corrected).toMatchObject({ intent: "shipping_info", status: "suggested" });
  expect(corrected.suggestedReply).toContain("/policies/shipping-policy");
  const example = await prisma.intentExample.findFirstOrThrow({ where: { shop: SHOP, messageId: message.id } });
  expect(example).toMatchObject({ label: "shipping_info", predicted: "return_policy", text: message.body });
  await correctIntent({ shop: SHOP, messageId: message.id, label: "product_info" });
  expect(await prisma.intentExample.findFirstOrThrow({ where: { shop: SHOP, messageId: message.id } })).toMatchObject({
    label: "product_info",
    predicted: "return_policy",
  });
});

test("after a restart, a message stored but never processed is resumed; a fresh one is left to its process", async () => {
  const old = await storeMessage({ shop: SHOP, input: contactForm("What is your return policy?") });
  await prisma.message.update({ where: { id: old.message.id }, data: { createdAt: new Date(Date.now() - 5 * 60_000) } });
  const fresh = await storeMessage({ shop: SHOP, input: contactForm("Hello!") });
  expect(old.message.stage).toBe("received");

  expect(await resumeUnfinishedMessages()).toBe(1);
  const resumed = await prisma.message.findUniqueOrThrow({ where: { id: old.message.id } });
  expect(resumed).toMatchObject({ stage: "done", status: "suggested", intent: "return_policy" });
  expect((await prisma.message.findUniqueOrThrow({ where: { id: fresh.message.id } })).stage).toBe("received");
  // Nothing left to resume.
  expect(await resumeUnfinishedMessages()).toBe(0);
});

test("a batch keeps input order and stores duplicates once", async () => {
  const inputs = [contactForm("What is your return policy?"), contactForm("Hello"), contactForm("Thanks!")];
  const results = await receiveMessages({ shop: SHOP, inputs: [...inputs, inputs[0]] });
  expect(results.map((r) => r.message.externalId)).toEqual([...inputs, inputs[0]].map((i) => i.externalId));
  expect(results.map((r) => r.created)).toEqual([true, true, true, false]);
});

test("processMessage on a done message changes nothing unless forced", async () => {
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm("What is your return policy?") });
  const again = await processMessage({ shop: SHOP, id: message.id });
  expect(again.processedAt).toEqual(message.processedAt);
});

test("settings: defaults on first read", async () => {
  const settings = await getShopSettings({ shop: SHOP });
  expect(settings).toMatchObject({
    mode: "suggest",
    defaultLanguage: "en",
    languages: ["en", "zh", "es", "fr"],
    sensitiveIntents: ["complaint", "negative_review_threat", "return_request"],
    emailReady: false,
  });
});

test("markSpam is a correction; taking it out of spam brings the suggestion back", async () => {
  const { message } = await receiveMessage({ shop: SHOP, input: contactForm("What is your return policy?") });
  const spam = await markSpam({ shop: SHOP, messageId: message.id });
  expect(spam).toMatchObject({ status: "spam", intent: "spam" });
  expect(await prisma.intentExample.findFirstOrThrow({ where: { shop: SHOP, messageId: message.id } })).toMatchObject({
    label: "spam",
    predicted: "return_policy",
  });
  const back = await markSpam({ shop: SHOP, messageId: message.id, spam: false });
  expect(back.status).toBe("new");
  // The merchant puts the right intent back: a suggestion again.
  expect((await correctIntent({ shop: SHOP, messageId: message.id, label: "return_policy" })).status).toBe("suggested");
});

test("previewTemplate renders with a sample order, tags product links and reports problems", async () => {
  const preview = await previewTemplate({ shop: SHOP, language: "fr", body: "Bonjour {{first_name}}, {{order_name}} {{order_status}}.\n{{product_links}}" });
  expect(preview.problems).toEqual([]);
  expect(preview.text).toMatch(/^Bonjour Maria, #1001 a été expédiée\./);
  expect(preview.text).toContain("utm_medium=reply");
  const broken = await previewTemplate({ shop: SHOP, language: "en", body: "Hi {{nmae}}", withOrder: false });
  expect(broken.problems).toHaveLength(1);
});

test("input that fails MessageInputSchema is refused before anything is stored", async () => {
  await expect(receiveMessage({ shop: SHOP, input: { ...contactForm("hi"), customerEmail: "not-an-email" } })).rejects.toThrow(/email/);
  await expect(receiveMessage({ shop: SHOP, input: { ...contactForm("  ") } })).rejects.toThrow(/empty/);
  expect(await prisma.message.count()).toBe(0);
});

test("acceptMessage answers once the message is stored; the pipeline (Admin API lookup included) finishes after, and whenPipelineIdle waits for it", async () => {
  // Shopify takes its time: the lookup waits until the test lets it through (then the fixture handler answers).
  let asked!: () => void;
  const lookupStarted = new Promise<void>((resolve) => (asked = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let lookups = 0;
  mockServer.use(
    graphql.query("OrdersForContext", async () => {
      lookups++;
      asked();
      await gate;
    })
  );
  const input = contactForm(`Hi, where is my order ${order.name}? It's been a week.`);
  const { created, message } = await acceptMessage({ shop: SHOP, input });
  expect(created).toBe(true);
  expect(message).toMatchObject({ stage: "received", intent: null, suggestedReply: null });

  await lookupStarted;
  // The caller has its answer while the Admin API has not answered yet.
  expect(await prisma.message.findFirstOrThrow({ where: { shop: SHOP, id: message.id } })).toMatchObject({ stage: "received", processedAt: null });
  // A redelivery is the stored row and starts no second run.
  expect((await acceptMessage({ shop: SHOP, input })).created).toBe(false);

  release();
  await whenPipelineIdle();
  const done = await prisma.message.findFirstOrThrow({ where: { shop: SHOP, id: message.id } });
  expect(done, done.failureReason ?? "").toMatchObject({ stage: "done", status: "suggested", intent: "order_status" });
  expect(storedContext(done.orderContext)).toMatchObject({ status: "found", match: "number_and_email", order: { name: order.name } });
  expect(done.suggestedReply).toContain(order.name);
  expect(done.processedAt!.getTime()).toBeGreaterThanOrEqual(done.createdAt.getTime());
  expect(lookups).toBe(1);
});
