// The knowledge base: reply templates per intent × language (SPEC §4). Every
// shop starts with the defaults of app/core/inbox/default-templates.ts, written
// to its rows the first time the templates are listed; until then, and for any
// row that is missing, the pipeline uses the default text directly.
import type { ReplyTemplate } from "@prisma/client";
import { z } from "zod";
import prisma from "../db.server.ts";
import { isUniqueViolation } from "./db-errors.server.ts";
import { defaultTemplate, defaultTemplates } from "../core/inbox/default-templates.ts";
import type { InboxLanguage, TemplateIntent } from "../core/inbox/intents.ts";
import { INBOX_LANGUAGES, TEMPLATE_INTENTS, isInboxLanguage } from "../core/inbox/intents.ts";
import { checkTemplate } from "../core/inbox/render.ts";
import type { TemplateProblem } from "../core/inbox/render.ts";
import { renderPreview } from "../core/inbox/preview.ts";
import { shopCache } from "./shop-cache.server.ts";

// The pipeline looks templates up for every message: rows read in the last
// 5 s are reused; every template write here drops the shop's copies.
const recentRows = shopCache<ReplyTemplate[]>("templates", { ttlMs: 5_000 });

/** Drops the shop's cached template rows (every write to them calls this). */
export function forgetShopTemplates(shop: string) {
  recentRows.forget(shop);
}

const intentOrder = new Map(TEMPLATE_INTENTS.map((intent, i) => [intent as string, i]));
const languageOrder = new Map(INBOX_LANGUAGES.map((language, i) => [language as string, i]));

/** Writes the default templates the shop does not have yet; returns how many were created. */
export async function ensureDefaultTemplates({ shop }: { shop: string }): Promise<number> {
  const existing = await prisma.replyTemplate.findMany({ where: { shop }, select: { intent: true, language: true } });
  const have = new Set(existing.map((t) => `${t.intent}:${t.language}`));
  const missing = defaultTemplates().filter((t) => !have.has(`${t.intent}:${t.language}`));
  if (missing.length === 0) return 0;
  // The new rows replace the built-in defaults the pipeline used meanwhile (same text, a row id now).
  forgetShopTemplates(shop);
  const rows = missing.map((t) => ({ shop, intent: t.intent, language: t.language, subject: t.subject, body: t.body, enabled: t.enabled }));
  try {
    return (await prisma.replyTemplate.createMany({ data: rows })).count;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Another request seeded some of them at the same time: one by one.
  let created = 0;
  for (const t of missing) {
    try {
      await prisma.replyTemplate.create({ data: { shop, intent: t.intent, language: t.language, subject: t.subject, body: t.body, enabled: t.enabled } });
      created++;
    } catch (error) {
      // Another request seeded the same row at the same time.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return created;
}

export async function listTemplates({ shop, intent, language }: { shop: string; intent?: string; language?: string }): Promise<ReplyTemplate[]> {
  await ensureDefaultTemplates({ shop });
  const rows = await prisma.replyTemplate.findMany({ where: { shop, ...(intent ? { intent } : {}), ...(language ? { language } : {}) } });
  return rows.sort(
    (a, b) =>
      (intentOrder.get(a.intent) ?? 99) - (intentOrder.get(b.intent) ?? 99) || (languageOrder.get(a.language) ?? 99) - (languageOrder.get(b.language) ?? 99)
  );
}

export const TemplateInputSchema = z.object({
  intent: z.enum(TEMPLATE_INTENTS as [TemplateIntent, ...TemplateIntent[]]),
  language: z.enum(INBOX_LANGUAGES),
  subject: z.string().trim().max(500).nullable().optional(),
  body: z.string().max(20_000, "is longer than 20,000 characters"),
  enabled: z.boolean().optional(),
});
export type TemplateInput = z.input<typeof TemplateInputSchema>;

export type UpsertTemplateResult = { ok: true; template: ReplyTemplate } | { ok: false; problems: TemplateProblem[] };

/** Saves a template after checking its variables and sections; problems come back for the form. */
export async function upsertTemplate({ shop, input }: { shop: string; input: TemplateInput }): Promise<UpsertTemplateResult> {
  const parsed = TemplateInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ message: `${i.path.join(".")}: ${i.message}` })) };
  const { intent, language, subject, body, enabled } = parsed.data;
  const problems = [...checkTemplate(body), ...(subject ? checkTemplate(subject) : [])];
  if (problems.length > 0) return { ok: false, problems };
  const template = await prisma.replyTemplate.upsert({
    where: { shop_intent_language: { shop, intent, language } },
    create: { shop, intent, language, subject: subject ?? defaultTemplate(intent, language).subject, body, enabled: enabled ?? true },
    update: { body, ...(subject !== undefined ? { subject } : {}), ...(enabled !== undefined ? { enabled } : {}) },
  });
  forgetShopTemplates(shop);
  return { ok: true, template };
}

export async function setTemplateEnabled({
  shop,
  intent,
  language,
  enabled,
}: {
  shop: string;
  intent: TemplateIntent;
  language: InboxLanguage;
  enabled: boolean;
}) {
  await ensureDefaultTemplates({ shop });
  const { count } = await prisma.replyTemplate.updateMany({ where: { shop, intent, language }, data: { enabled } });
  forgetShopTemplates(shop);
  return count === 1;
}

/** Puts the default text back. */
export async function resetTemplate({ shop, intent, language }: { shop: string; intent: TemplateIntent; language: InboxLanguage }) {
  const t = defaultTemplate(intent, language);
  const row = await prisma.replyTemplate.upsert({
    where: { shop_intent_language: { shop, intent, language } },
    create: { shop, intent, language, subject: t.subject, body: t.body, enabled: t.enabled },
    update: { subject: t.subject, body: t.body, enabled: t.enabled },
  });
  forgetShopTemplates(shop);
  return row;
}

export type ResolvedTemplate = {
  /** The row id, or "default:<intent>:<language>" for a default not yet written to the shop's rows. */
  id: string;
  intent: string;
  language: InboxLanguage;
  subject: string | null;
  body: string;
  enabled: boolean;
};

/**
 * The template for an intent in the first language of `languages` the shop
 * has (its rows, else the built-in default). A shop's own intent label with no
 * template falls back to the "unknown" template.
 */
export async function resolveTemplate({
  shop,
  intent,
  languages,
}: {
  shop: string;
  intent: string;
  languages: InboxLanguage[];
}): Promise<ResolvedTemplate | null> {
  const templateIntent = (TEMPLATE_INTENTS as readonly string[]).includes(intent) ? (intent as TemplateIntent) : null;
  const key = `${templateIntent ?? intent}\n${languages.join(",")}`;
  let rows = recentRows.get(shop, key);
  if (!rows) {
    rows = await prisma.replyTemplate.findMany({ where: { shop, intent: templateIntent ?? intent, language: { in: languages } } });
    recentRows.set(shop, rows, key);
  }
  for (const language of languages) {
    const row = rows.find((r) => r.language === language);
    if (row) return { id: row.id, intent: row.intent, language, subject: row.subject, body: row.body, enabled: row.enabled };
    if (templateIntent) {
      const t = defaultTemplate(templateIntent, language);
      return { id: `default:${t.intent}:${language}`, intent: t.intent, language, subject: t.subject, body: t.body, enabled: t.enabled };
    }
  }
  if (!templateIntent) return resolveTemplate({ shop, intent: "unknown", languages });
  return null;
}

/** Renders a template body as the customer would read it, with a sample order (or none), for the editor. */
export async function previewTemplate({
  shop,
  body,
  language,
  intent = "order_status",
  withOrder = true,
  shopName,
}: {
  shop: string;
  body: string;
  language: string;
  intent?: string;
  withOrder?: boolean;
  shopName?: string;
}) {
  const preview = renderPreview({
    body,
    language: isInboxLanguage(language) ? language : "en",
    intent,
    shop,
    shopName: shopName ?? shop.replace(/\.myshopify\.com$/, ""),
    withOrder,
  });
  return { ...preview, problems: checkTemplate(body) };
}
