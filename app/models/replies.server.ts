// What the merchant (or auto-send) does with a message: reply, resolve, mark
// as spam, correct the intent. Every reply is recorded, sent or not.
import type { Message, Reply } from "@prisma/client";
import { z } from "zod";
import prisma from "../db.server.ts";
import { defaultTemplate } from "../core/inbox/default-templates.ts";
import { isInboxLanguage } from "../core/inbox/intents.ts";
import { inShopperScript } from "../core/inbox/chinese-script.ts";
import { detectLanguage } from "../core/intents/language.ts";
import { renderTemplate } from "../core/inbox/render.ts";
import { textToHtml } from "../core/inbox/html.ts";
import { replySubject, replyThreadHeaders } from "../core/inbox/threading.ts";
import { getShopSettings, getSmtpConfig } from "./settings.server.ts";
import { describeSmtpError, newMessageId, sendEmail } from "./mailer.server.ts";
import { maybeAutoRetrain } from "./learning.server.ts";

const EMAIL_CHANNELS = new Set(["email", "contact_form"]);

export const ReplyBodySchema = z.string().trim().min(1, "is empty").max(20_000, "is longer than 20,000 characters");

async function findMessage(shop: string, id: string): Promise<Message> {
  const message = await prisma.message.findFirst({ where: { shop, id } });
  if (!message) throw Response.json({ error: `message ${id} not found` }, { status: 404 });
  return message;
}

function quoteOriginal(message: Message): string {
  const who = message.customerName || message.customerEmail || "";
  const when = message.receivedAt.toISOString().slice(0, 16).replace("T", " ");
  const body = message.body.length > 4_000 ? `${message.body.slice(0, 4_000)}…` : message.body;
  return `${when} UTC, ${who}:\n${body
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n")}`;
}

type SendOutcome = { status: "sent" | "failed" | "exported"; error: string | null; emailMessageId: string | null };

async function deliver(shop: string, message: Message, body: string): Promise<SendOutcome> {
  if (!EMAIL_CHANNELS.has(message.channel)) return { status: "exported", error: null, emailMessageId: null };
  if (!message.customerEmail) return { status: "failed", error: "the message has no customer email to answer", emailMessageId: null };
  let smtp: Awaited<ReturnType<typeof getSmtpConfig>>;
  try {
    smtp = await getSmtpConfig({ shop });
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? error.message : String(error), emailMessageId: null };
  }
  if (!smtp.ok) return { status: "failed", error: smtp.reason, emailMessageId: null };
  const settings = await getShopSettings({ shop });
  const language = isInboxLanguage(message.language) ? message.language : settings.defaultLanguage;
  const shopName = settings.fromName?.trim() || shop.replace(/\.myshopify\.com$/, "");
  const subject = defaultTemplate("unknown", language).subject;
  const fallbackSubject = renderTemplate(language === "zh" ? await inShopperScript(subject, detectLanguage(message.body).script, message.body) : subject, { shop_name: shopName }).text;
  const emailMessageId = newMessageId(smtp.config.from.address);
  const text = `${body}\n\n${quoteOriginal(message)}`;
  try {
    await sendEmail({
      config: smtp.config,
      email: {
        to: { address: message.customerEmail, name: message.customerName },
        subject: replySubject(message.subject, fallbackSubject),
        text,
        html: textToHtml(text),
        messageId: emailMessageId,
        ...replyThreadHeaders(message),
      },
    });
    return { status: "sent", error: null, emailMessageId };
  } catch (error) {
    return { status: "failed", error: describeSmtpError(error), emailMessageId: null };
  }
}

/**
 * Answers a message: by email for email and contact-form messages (through
 * the shop's SMTP, threaded to the customer's email), recorded as "exported"
 * for imported and API messages (the merchant copies it to the platform).
 * A failed send is recorded with its error and leaves the message's status
 * as it was.
 */
export async function sendReply({
  shop,
  messageId,
  body,
  author,
  resolve = false,
}: {
  shop: string;
  messageId: string;
  body: string;
  author: "merchant" | "auto";
  resolve?: boolean;
}): Promise<{ reply: Reply; message: Message }> {
  const text = ReplyBodySchema.parse(body);
  const message = await findMessage(shop, messageId);
  const outcome = await deliver(shop, message, text);
  const now = new Date();
  const reply = await prisma.reply.create({
    data: {
      shop,
      messageId: message.id,
      conversationId: message.conversationId,
      body: text,
      author,
      channel: message.channel,
      status: outcome.status,
      error: outcome.error,
      emailMessageId: outcome.emailMessageId,
      sentAt: outcome.status === "failed" ? null : now,
    },
  });
  if (outcome.status === "failed") return { reply, message };
  const status = author === "auto" ? "auto_sent" : resolve ? "resolved" : "sent";
  const updated = await prisma.message.update({
    where: { id: message.id, shop },
    data: {
      status,
      firstResponseAt: message.firstResponseAt ?? now,
      ...(resolve ? { resolvedAt: now } : {}),
    },
  });
  if (message.conversationId) {
    await prisma.conversation.updateMany({ where: { shop, id: message.conversationId, lastMessageAt: { lt: now } }, data: { lastMessageAt: now } });
  }
  return { reply, message: updated };
}

export async function resolveMessage({ shop, messageId }: { shop: string; messageId: string }): Promise<Message> {
  await findMessage(shop, messageId);
  return prisma.message.update({ where: { id: messageId, shop }, data: { status: "resolved", resolvedAt: new Date() } });
}

/** Reopens a resolved or spam message: back to "suggested" if it has a suggestion, else "new". */
export async function reopenMessage({ shop, messageId }: { shop: string; messageId: string }): Promise<Message> {
  const message = await findMessage(shop, messageId);
  return prisma.message.update({
    where: { id: message.id, shop },
    data: { status: message.suggestedReply ? "suggested" : "new", resolvedAt: null },
  });
}

export const IntentLabelSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "is not an intent label (lower case, digits, underscores)");

/**
 * A merchant's correction (SPEC §4 "Learning"): stores the labelled example
 * for retraining, then gives the message the new intent and a fresh
 * suggestion (never sent automatically: a person is looking at it).
 */
export async function correctIntent({ shop, messageId, label }: { shop: string; messageId: string; label: string }): Promise<Message> {
  const intent = IntentLabelSchema.parse(label);
  const message = await findMessage(shop, messageId);
  const text = message.subject ? `${message.subject}\n${message.body}` : message.body;
  const existing = await prisma.intentExample.findUnique({ where: { shop_messageId: { shop, messageId } } });
  await prisma.intentExample.upsert({
    where: { shop_messageId: { shop, messageId } },
    create: { shop, messageId, text, language: message.language, label: intent, predicted: message.intent },
    // The first prediction is what the model got wrong; keep it across re-corrections.
    update: { label: intent, predicted: existing?.predicted ?? message.intent },
  });
  const { processMessage } = await import("./pipeline.server.ts");
  const updated = await processMessage({ shop, id: message.id, force: true, intent, allowAutoSend: false });
  // Issue 6 item 5: retrain on its own after N new corrections when the shop turned that on (never throws).
  await maybeAutoRetrain({ shop });
  // A message already answered or closed keeps its status.
  if (["sent", "auto_sent", "resolved"].includes(message.status)) {
    return prisma.message.update({ where: { id: message.id, shop }, data: { status: message.status } });
  }
  return updated;
}

/** Marks a message as spam (a correction when the model said otherwise), or takes it out of spam. */
export async function markSpam({ shop, messageId, spam = true }: { shop: string; messageId: string; spam?: boolean }): Promise<Message> {
  const message = await findMessage(shop, messageId);
  if (!spam) return reopenMessage({ shop, messageId });
  if (message.intent !== "spam") await correctIntent({ shop, messageId, label: "spam" });
  return prisma.message.update({ where: { id: message.id, shop }, data: { status: "spam" } });
}
