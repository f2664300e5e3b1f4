// Two shops side by side (issue 5 item 7, SPEC §8): no read or write of the
// inbox's model functions crosses from one shop to the other.
import { beforeEach, expect, test } from "vitest";
import prisma from "../../app/db.server.ts";
import { classifierFor, processMessage, receiveMessage } from "../../app/models/pipeline.server.ts";
import { getInboundSecret, getShopSettings, rotateInboundSecret, updateShopSettings } from "../../app/models/settings.server.ts";
import { listTemplates, setTemplateEnabled, upsertTemplate } from "../../app/models/templates.server.ts";
import { correctIntent, markSpam, resolveMessage, sendReply } from "../../app/models/replies.server.ts";
import { getConversation } from "../../app/models/conversations.server.ts";
import { gatherCustomerData, redactCustomer } from "../../app/models/compliance.server.ts";
import { eraseShop } from "../../app/models/shop.server.ts";
import { trainClassifier } from "../../app/core/classifier/classifier.ts";
import { createOfflineSession } from "../factories.ts";
import { resetDatabase } from "../support/database.ts";

const A = "alpha-store.myshopify.com";
const B = "beta-store.myshopify.com";
const email = "same.customer@example.com";

beforeEach(async () => {
  await resetDatabase(prisma);
  await createOfflineSession({ shop: A });
  await createOfflineSession({ shop: B });
});

function input(externalId: string, body = "What is your return policy?") {
  return { channel: "contact_form" as const, externalId, customerEmail: email, customerName: "Sam Same", body };
}

test("the same external id and customer in two shops are two messages in two conversations", async () => {
  const a = await receiveMessage({ shop: A, input: input("x-1") });
  const b = await receiveMessage({ shop: B, input: input("x-1") });
  expect(a.created && b.created).toBe(true);
  expect(a.message.id).not.toBe(b.message.id);
  expect(a.message.conversationId).not.toBe(b.message.conversationId);
  const second = await receiveMessage({ shop: B, input: input("x-2", "Thanks!") });
  expect(second.message.conversationId).toBe(b.message.conversationId);
  const thread = await getConversation({ shop: B, id: b.message.conversationId! });
  expect(thread?.messages.map((m) => m.shop)).toEqual([B, B]);
  expect(await getConversation({ shop: A, id: b.message.conversationId! })).toBeNull();
});

test("settings, secrets and templates are per shop", async () => {
  await updateShopSettings({ shop: A, input: { mode: "auto_send", fromName: "Alpha", defaultLanguage: "fr" } });
  expect((await getShopSettings({ shop: B })).mode).toBe("suggest");
  const secret = await rotateInboundSecret({ shop: A });
  expect(await getInboundSecret({ shop: A })).toBe(secret);
  expect(await getInboundSecret({ shop: B })).toBeNull();

  await upsertTemplate({ shop: A, input: { intent: "return_policy", language: "en", body: "Alpha returns: 90 days." } });
  await setTemplateEnabled({ shop: A, intent: "greeting_thanks", language: "en", enabled: false });
  const b = await receiveMessage({ shop: B, input: input("t-1") });
  expect(b.message.suggestedReply).not.toContain("Alpha returns");
  const thanks = await receiveMessage({ shop: B, input: input("t-2", "Thank you so much!") });
  expect(thanks.message).toMatchObject({ intent: "greeting_thanks", status: "suggested" });
  const a = await receiveMessage({ shop: A, input: input("t-1") });
  expect(a.message.suggestedReply).toBe("Alpha returns: 90 days.");
  expect((await listTemplates({ shop: B, intent: "return_policy", language: "en" }))[0].body).not.toContain("Alpha");
});

test("actions with another shop's message id find nothing and change nothing", async () => {
  const b = await receiveMessage({ shop: B, input: input("y-1") });
  const before = await prisma.message.findUniqueOrThrow({ where: { id: b.message.id } });
  await expect(resolveMessage({ shop: A, messageId: b.message.id })).rejects.toMatchObject({ status: 404 });
  await expect(markSpam({ shop: A, messageId: b.message.id })).rejects.toMatchObject({ status: 404 });
  await expect(correctIntent({ shop: A, messageId: b.message.id, label: "spam" })).rejects.toMatchObject({ status: 404 });
  await expect(sendReply({ shop: A, messageId: b.message.id, body: "hi", author: "merchant" })).rejects.toMatchObject({ status: 404 });
  await expect(processMessage({ shop: A, id: b.message.id, force: true })).rejects.toThrow(/does not exist in alpha-store/);
  expect(await prisma.message.findUniqueOrThrow({ where: { id: b.message.id } })).toEqual(before);
  expect(await prisma.reply.count()).toBe(0);
  expect(await prisma.intentExample.count()).toBe(0);
});

test("a shop's own model answers only that shop's messages", async () => {
  // A tiny model that calls everything "wholesale_partnership".
  const model = trainClassifier(
    [
      { text: "what is your return policy", label: "wholesale_partnership" },
      { text: "return policy please", label: "wholesale_partnership" },
      { text: "bulk order of mugs", label: "wholesale_partnership" },
      { text: "hello there friend", label: "greeting_thanks" },
      { text: "thank you very much", label: "greeting_thanks" },
      { text: "hi thanks", label: "greeting_thanks" },
    ],
    { seed: 1 }
  );
  await prisma.intentModel.create({ data: { shop: A, version: 1, status: "active", model: JSON.stringify(model.toJSON()) } });
  expect((await classifierFor(A)).version).toBe(1);
  expect((await classifierFor(B)).version).toBeNull();
  const a = await receiveMessage({ shop: A, input: input("m-1") });
  const b = await receiveMessage({ shop: B, input: input("m-1") });
  expect(a.message).toMatchObject({ modelVersion: 1 });
  expect(b.message).toMatchObject({ modelVersion: null, intent: "return_policy" });
});

test("customers/redact and data requests stay inside the shop; shop/redact erases one shop only", async () => {
  for (const shop of [A, B]) {
    const { message } = await receiveMessage({ shop, input: input("r-1") });
    await sendReply({ shop, messageId: message.id, body: "exported", author: "merchant" }).catch(() => undefined);
    await correctIntent({ shop, messageId: message.id, label: "shipping_info" });
    await listTemplates({ shop });
  }
  const dataA = await gatherCustomerData({ shop: A, payload: { customer: { id: 1, email } } });
  expect(dataA.messages.length).toBe(1);
  expect(dataA.examples.length).toBe(1);

  await redactCustomer({ shop: A, payload: { customer: { id: 1, email } } });
  expect(await prisma.message.count({ where: { shop: A } })).toBe(0);
  expect(await prisma.message.count({ where: { shop: B } })).toBe(1);
  expect(await prisma.intentExample.count({ where: { shop: B } })).toBe(1);
  expect(await prisma.conversation.count({ where: { shop: B } })).toBe(1);

  await eraseShop({ shop: B });
  for (const table of ["message", "conversation", "reply", "replyTemplate", "intentExample", "shopSettings", "session"] as const) {
    const delegate = prisma[table] as unknown as { count: (args: { where: { shop: string } }) => Promise<number> };
    expect(await delegate.count({ where: { shop: B } }), `${table} of B`).toBe(0);
  }
  expect(await prisma.replyTemplate.count({ where: { shop: A } })).toBe(72);
  expect(await prisma.shopSettings.count({ where: { shop: A } })).toBe(1);
});
