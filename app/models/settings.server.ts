// A shop's inbox settings (SPEC §4 "settings"): one ShopSettings row, created
// with the defaults on first read. JSON columns are parsed with zod; a column
// that no longer parses falls back to its default rather than breaking the inbox.
import { randomBytes } from "node:crypto";
import type { ShopSettings as ShopSettingsRow } from "@prisma/client";
import type { Prisma } from "@prisma/client";
import { z } from "zod";
import prisma from "../db.server.ts";
import { isUniqueViolation } from "./db-errors.server.ts";
import { INBOX_LANGUAGES } from "../core/inbox/intents.ts";
import { decryptSecret, encryptSecret } from "./secrets.server.ts";
import { shopCache } from "./shop-cache.server.ts";

const Languages = z.array(z.enum(INBOX_LANGUAGES)).min(1);
const Labels = z.array(z.string().trim().min(1).max(64)).max(64);
const Thresholds = z.record(z.string().max(64), z.number().min(0).max(1));
const ChannelRuleSchema = z.object({
  noExternalLinks: z.boolean().optional(),
  bannedWords: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
});
const ComplianceRulesSchema = z.record(z.string().trim().min(1).max(64), ChannelRuleSchema);
const ContactFormTextsSchema = z.record(
  z.string().max(16),
  z.object({ title: z.string().max(200).optional(), intro: z.string().max(2_000).optional(), success: z.string().max(500).optional() })
);

const DEFAULTS = {
  languages: ["en", "zh", "es", "fr"] as string[],
  sensitiveIntents: ["complaint", "negative_review_threat", "return_request"],
  autoSendIntents: ["order_status", "shipping_info", "return_policy", "greeting_thanks"],
};

/** What the admin and the pipeline see; secrets appear only as "is set". */
export type ShopSettings = {
  shop: string;
  mode: "suggest" | "auto_send";
  defaultLanguage: (typeof INBOX_LANGUAGES)[number];
  languages: (typeof INBOX_LANGUAGES)[number][];
  sensitiveIntents: string[];
  autoSendIntents: string[];
  thresholds: Record<string, number>;
  complianceRules: z.infer<typeof ComplianceRulesSchema>;
  contactFormTexts: z.infer<typeof ContactFormTextsSchema>;
  smtp: { host: string | null; port: number | null; secure: boolean; user: string | null; passwordSet: boolean };
  fromEmail: string | null;
  fromName: string | null;
  inboundAddress: string | null;
  inboundSecretSet: boolean;
  /** SMTP host and From address are set: replies can go out by email. */
  emailReady: boolean;
  autoRetrainAfter: number | null;
  attributionWindowDays: number;
  attributionModel: "last_touch" | "first_touch";
  urlTagging: boolean;
  eventRetentionDays: number;
  currency: string;
  updatedAt: Date;
};

function parseJson<T>(schema: z.ZodType<T>, raw: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function toSettings(row: ShopSettingsRow): ShopSettings {
  const language = z.enum(INBOX_LANGUAGES).safeParse(row.defaultLanguage);
  return {
    shop: row.shop,
    mode: row.mode === "auto_send" ? "auto_send" : "suggest",
    defaultLanguage: language.success ? language.data : "en",
    languages: parseJson(Languages, row.languages, DEFAULTS.languages as ShopSettings["languages"]),
    sensitiveIntents: parseJson(Labels, row.sensitiveIntents, DEFAULTS.sensitiveIntents),
    autoSendIntents: parseJson(Labels, row.autoSendIntents, DEFAULTS.autoSendIntents),
    thresholds: parseJson(Thresholds, row.thresholds, {}),
    complianceRules: parseJson(ComplianceRulesSchema, row.complianceRules, {}),
    contactFormTexts: parseJson(ContactFormTextsSchema, row.contactFormTexts, {}),
    smtp: { host: row.smtpHost, port: row.smtpPort, secure: row.smtpSecure, user: row.smtpUser, passwordSet: row.smtpPasswordEnc !== null },
    fromEmail: row.fromEmail,
    fromName: row.fromName,
    inboundAddress: row.inboundAddress,
    inboundSecretSet: row.inboundSecretEnc !== null,
    emailReady: Boolean(row.smtpHost && row.fromEmail),
    autoRetrainAfter: row.autoRetrainAfter,
    attributionWindowDays: row.attributionWindowDays,
    attributionModel: row.attributionModel === "first_touch" ? "first_touch" : "last_touch",
    urlTagging: row.urlTagging,
    eventRetentionDays: row.eventRetentionDays,
    currency: row.currency,
    updatedAt: row.updatedAt,
  };
}

async function readRow(shop: string): Promise<ShopSettingsRow> {
  const row = await prisma.shopSettings.findUnique({ where: { shop } });
  if (row) return row;
  try {
    return await prisma.shopSettings.create({ data: { shop } });
  } catch (error) {
    // Two first reads raced: the other one created it.
    if (isUniqueViolation(error)) {
      return prisma.shopSettings.findUniqueOrThrow({ where: { shop } });
    }
    throw error;
  }
}

export async function getShopSettings({ shop }: { shop: string }): Promise<ShopSettings> {
  const settings = toSettings(await readRow(shop));
  recentSettings.set(shop, settings);
  return settings;
}

// ─── A recent copy for the storefront's hot path ────────────────────────────
// The contact form reads the shop's settings on every post. It may use a copy
// a few seconds old: a change made through this process (every settings
// write here calls forgetShopSettings) applies at once, another instance's
// within 5 s. Admin pages and the pipeline's other callers always read the row.

const recentSettings = shopCache<ShopSettings>("settings", { ttlMs: 5_000 });

/** Drops the shop's recent copy; every write to its settings row calls this. */
export function forgetShopSettings(shop: string) {
  recentSettings.forget(shop);
}

/** The shop's settings as read at most a few seconds ago (the storefront contact form). */
export async function getRecentShopSettings({ shop }: { shop: string }): Promise<ShopSettings> {
  return recentSettings.get(shop) ?? getShopSettings({ shop });
}

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** What the settings form may change; absent keys stay as they are. */
export const ShopSettingsUpdateSchema = z
  .object({
    mode: z.enum(["suggest", "auto_send"]),
    defaultLanguage: z.enum(INBOX_LANGUAGES),
    languages: Languages,
    sensitiveIntents: Labels,
    autoSendIntents: Labels,
    thresholds: Thresholds,
    complianceRules: ComplianceRulesSchema,
    contactFormTexts: ContactFormTextsSchema,
    smtpHost: optionalText(255),
    smtpPort: z.coerce.number().int().min(1).max(65_535).nullable().optional(),
    smtpSecure: z.boolean(),
    smtpUser: optionalText(255),
    /** A new password; null clears it; absent (or "") keeps the stored one. */
    smtpPassword: z.string().max(1_000).nullable().optional(),
    fromEmail: z.email("is not an email address").max(254).nullable().optional(),
    fromName: optionalText(200),
    inboundAddress: z.email("is not an email address").max(254).nullable().optional(),
    autoRetrainAfter: z.number().int().min(1).max(100_000).nullable().optional(),
    attributionWindowDays: z.number().int().min(1).max(90),
    attributionModel: z.enum(["last_touch", "first_touch"]),
    urlTagging: z.boolean(),
    eventRetentionDays: z.number().int().min(1).max(3_650),
    currency: z.string().regex(/^[A-Z]{3}$/, "is not an ISO 4217 currency code"),
  })
  .partial();
export type ShopSettingsUpdate = z.input<typeof ShopSettingsUpdateSchema>;

export async function updateShopSettings({ shop, input }: { shop: string; input: ShopSettingsUpdate }): Promise<ShopSettings> {
  const parsed = ShopSettingsUpdateSchema.parse(input);
  const { languages, sensitiveIntents, autoSendIntents, thresholds, complianceRules, contactFormTexts, smtpPassword, ...plain } = parsed;
  const data: Prisma.ShopSettingsUncheckedUpdateInput = { ...plain };
  if (languages) data.languages = JSON.stringify(languages);
  if (sensitiveIntents) data.sensitiveIntents = JSON.stringify(sensitiveIntents);
  if (autoSendIntents) data.autoSendIntents = JSON.stringify(autoSendIntents);
  if (thresholds) data.thresholds = JSON.stringify(thresholds);
  if (complianceRules) data.complianceRules = JSON.stringify(complianceRules);
  if (contactFormTexts) data.contactFormTexts = JSON.stringify(contactFormTexts);
  if (smtpPassword === null) data.smtpPasswordEnc = null;
  else if (smtpPassword) data.smtpPasswordEnc = encryptSecret({ shop, value: smtpPassword });
  await readRow(shop);
  forgetShopSettings(shop);
  const row = await prisma.shopSettings.update({ where: { shop }, data });
  forgetShopSettings(shop);
  return toSettings(row);
}

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  from: { address: string; name: string | null };
};

/** The shop's SMTP transport with its password decrypted, or why there is none. For the mailer only. */
export async function getSmtpConfig({ shop }: { shop: string }): Promise<{ ok: true; config: SmtpConfig } | { ok: false; reason: string }> {
  const row = await readRow(shop);
  return smtpConfigFromRow(row);
}

export function smtpConfigFromRow(row: ShopSettingsRow): { ok: true; config: SmtpConfig } | { ok: false; reason: string } {
  if (!row.smtpHost) return { ok: false, reason: "SMTP is not configured (Settings → Email)" };
  if (!row.fromEmail) return { ok: false, reason: "the From address is not set (Settings → Email)" };
  const pass = row.smtpPasswordEnc ? decryptSecret({ shop: row.shop, stored: row.smtpPasswordEnc }) : null;
  return {
    ok: true,
    config: {
      host: row.smtpHost,
      port: row.smtpPort ?? (row.smtpSecure ? 465 : 587),
      secure: row.smtpSecure,
      ...(row.smtpUser && pass !== null ? { auth: { user: row.smtpUser, pass } } : {}),
      from: { address: row.fromEmail, name: row.fromName },
    },
  };
}

/** The secret that signs the shop's inbound-email webhook, decrypted; null when none was generated yet. */
export async function getInboundSecret({ shop }: { shop: string }): Promise<string | null> {
  const row = await prisma.shopSettings.findUnique({ where: { shop }, select: { inboundSecretEnc: true } });
  return row?.inboundSecretEnc ? decryptSecret({ shop, stored: row.inboundSecretEnc }) : null;
}

/** Generates a new inbound-email secret, stores it encrypted, and returns it once (to show to the merchant). */
export async function rotateInboundSecret({ shop }: { shop: string }): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await readRow(shop);
  await prisma.shopSettings.update({ where: { shop }, data: { inboundSecretEnc: encryptSecret({ shop, value: secret }) } });
  forgetShopSettings(shop);
  return secret;
}
