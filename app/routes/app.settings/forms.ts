// The settings page's forms (issue 6, item 4): one zod schema per form, used
// by the server (parseWithZod) and named by the `_action` field. Client-safe:
// no server imports.
import { z } from "zod";
import { INBOX_LANGUAGES, INTENTS } from "../../core/inbox/intents.ts";

export const COMPLIANCE_CHANNELS = ["all", "contact_form", "email", "import", "api", "amazon", "tiktok_shop", "ebay", "etsy"] as const;
export type ComplianceChannel = (typeof COMPLIANCE_CHANNELS)[number];

const text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`).optional();

/** "a, b\nc" → ["a", "b", "c"] */
const wordList = z
  .string()
  .max(20_000, "is too long")
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(/[\n,]/)
      .map((word) => word.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(100, "has a word longer than 100 characters")).max(500, "has more than 500 words"));

const LanguagePair = z.object({ languages: z.array(z.enum(INBOX_LANGUAGES)).min(1), defaultLanguage: z.enum(INBOX_LANGUAGES) });

export const GeneralForm = z
  .object({
    _action: z.literal("general"),
    mode: z.enum(["suggest", "auto_send"], { error: "choose suggest or auto-send" }),
    languages: z.array(z.enum(INBOX_LANGUAGES), { error: "choose at least one language" }).min(1, "choose at least one language"),
    defaultLanguage: z.enum(INBOX_LANGUAGES, { error: "choose a default language" }),
    autoRetrainAfter: z.number({ error: "is not a number" }).int("is not a whole number").min(1, "must be at least 1").max(100_000, "must be at most 100,000").optional(),
  })
  .refine((v) => v.languages.includes(v.defaultLanguage), {
    path: ["defaultLanguage"],
    message: "must be one of the shop's languages",
    // Also reported when other fields fail, so the merchant sees every error at once.
    when: ({ value }) => LanguagePair.safeParse(value).success,
  });

const threshold = z.number({ error: "is not a number" }).min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional();

export const IntentsForm = z.object({
  _action: z.literal("intents"),
  thresholds: z.object(Object.fromEntries(INTENTS.map((intent) => [intent, threshold])) as Record<(typeof INTENTS)[number], typeof threshold>).optional(),
  sensitiveIntents: z.array(z.enum(INTENTS)).optional(),
  autoSendIntents: z.array(z.enum(INTENTS)).optional(),
});

const contactTexts = z.object({ title: text(200), intro: text(2_000), success: text(500) }).optional();
export const ContactFormForm = z.object({
  _action: z.literal("contactForm"),
  texts: z.object(Object.fromEntries(INBOX_LANGUAGES.map((l) => [l, contactTexts])) as Record<(typeof INBOX_LANGUAGES)[number], typeof contactTexts>).optional(),
});

export const InboundForm = z.object({
  _action: z.literal("inbound"),
  inboundAddress: z.email("is not an email address").max(254).optional(),
});

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[?[0-9a-f:.]+\]?$/i;

export const SmtpForm = z
  .object({
    _action: z.literal("smtp"),
    smtpHost: z.string().trim().max(255).regex(HOST, "is not a host name").optional(),
    smtpPort: z.number({ error: "is not a number" }).int("is not a whole number").min(1, "must be 1–65535").max(65_535, "must be 1–65535").optional(),
    smtpSecure: z.boolean().optional(),
    smtpUser: text(255),
    /** Write-only: empty keeps the stored password. */
    smtpPassword: z.string().max(1_000).optional(),
    clearPassword: z.boolean().optional(),
    fromEmail: z.email("is not an email address").max(254).optional(),
    fromName: text(200),
  })
  .refine((v) => !v.smtpHost || v.fromEmail, { path: ["fromEmail"], message: "is needed to send email" });

const channelRule = z.object({ bannedWords: wordList, links: z.enum(["default", "allow", "block"]).optional() }).optional();
export const ComplianceForm = z.object({
  _action: z.literal("compliance"),
  rules: z.object(Object.fromEntries(COMPLIANCE_CHANNELS.map((c) => [c, channelRule])) as Record<ComplianceChannel, typeof channelRule>).optional(),
});

export const CreateApiKeyForm = z.object({
  _action: z.literal("createApiKey"),
  name: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "is longer than 100 characters"),
});

export const RevokeApiKeyForm = z.object({ _action: z.literal("revokeApiKey"), id: z.string({ error: "is required" }).min(1).max(100) });

export const SETTINGS_FORMS = {
  general: GeneralForm,
  intents: IntentsForm,
  contactForm: ContactFormForm,
  inbound: InboundForm,
  smtp: SmtpForm,
  compliance: ComplianceForm,
  createApiKey: CreateApiKeyForm,
  revokeApiKey: RevokeApiKeyForm,
} as const;
export type SettingsFormName = keyof typeof SETTINGS_FORMS;
/** Forms with no fields besides `_action`. */
export const SETTINGS_BUTTONS = ["rotateSecret", "testSmtp"] as const;
