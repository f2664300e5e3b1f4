// The storefront contact form's contract (issue 5, item 2a): the fields the
// theme block posts, their limits (the same numbers as blocks/contact-form.liquid),
// and the shopper-facing texts in the four languages the block ships.
import { createHash } from "node:crypto";
import { z } from "zod";

export const CONTACT_LIMITS = {
  name: 200,
  email: 254,
  order_number: 50,
  message: 5_000,
  /** URL-encoded body: 5,000 CJK characters take 45 KB once percent-encoded. */
  bodyBytes: 64 * 1024,
} as const;

export const ContactFormSchema = z.object({
  name: z.string().trim().min(1, "is required").max(CONTACT_LIMITS.name, `is longer than ${CONTACT_LIMITS.name} characters`),
  email: z.string().trim().max(CONTACT_LIMITS.email, `is longer than ${CONTACT_LIMITS.email} characters`).pipe(z.email("is not an email address")),
  order_number: z.string().trim().max(CONTACT_LIMITS.order_number, `is longer than ${CONTACT_LIMITS.order_number} characters`).optional(),
  message: z.string().trim().min(1, "is required").max(CONTACT_LIMITS.message, `is longer than ${CONTACT_LIMITS.message} characters`),
  locale: z.string().trim().max(20).optional(),
  // Client-generated (contact-form.js), so a double submit is stored once.
  submission_id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{16,64}$/, "is not a submission id")
    .optional(),
});
export type ContactForm = z.infer<typeof ContactFormSchema>;

export type ContactFormParse =
  | { ok: true; form: ContactForm; honeypot: boolean }
  | { ok: false; errors: Record<string, string> };

/** Validates the posted fields; `{ errors: { field: message } }` is what contact-form.js marks. */
export function parseContactForm(fields: URLSearchParams): ContactFormParse {
  const raw: Record<string, string> = {};
  for (const key of ["name", "email", "order_number", "message", "locale", "submission_id"]) {
    const value = fields.get(key);
    if (value !== null && (value.trim() !== "" || key === "name" || key === "email" || key === "message")) raw[key] = value;
  }
  const honeypot = (fields.get("website") ?? "").trim() !== "";
  const result = ContactFormSchema.safeParse(raw);
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= issue.code === "invalid_type" ? "is required" : issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, form: result.data, honeypot };
}

/**
 * The message's external id: the client's submission id when the script sent
 * one; otherwise (no JavaScript) a digest of the content, so pressing submit
 * twice on the plain form also stores one message.
 */
export function contactExternalId(form: ContactForm): string {
  if (form.submission_id) return `form:${form.submission_id}`;
  const digest = createHash("sha256")
    .update([form.email.toLowerCase(), form.name, form.order_number ?? "", form.message].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
  return `form-hash:${digest}`;
}

export const CONTACT_LANGUAGES = ["en", "zh", "es", "fr"] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];
export type ContactTexts = { title: string; success: string; invalid: string; rateLimited: string; back: string };

export const DEFAULT_CONTACT_TEXTS: Record<ContactLanguage, ContactTexts> = {
  en: {
    title: "Message sent",
    success: "Thanks for your message. We'll get back to you soon.",
    invalid: "Please check the highlighted fields and try again.",
    rateLimited: "You have sent several messages in a short time. Please wait a few minutes and try again.",
    back: "Back to the store",
  },
  zh: {
    title: "消息已发送",
    success: "感谢您的留言，我们会尽快回复您。",
    invalid: "请检查标出的字段后重试。",
    rateLimited: "您在短时间内发送了多条消息，请等待几分钟后再试。",
    back: "返回商店",
  },
  es: {
    title: "Mensaje enviado",
    success: "Gracias por tu mensaje. Te responderemos pronto.",
    invalid: "Revisa los campos marcados e inténtalo de nuevo.",
    rateLimited: "Has enviado varios mensajes en poco tiempo. Espera unos minutos e inténtalo de nuevo.",
    back: "Volver a la tienda",
  },
  fr: {
    title: "Message envoyé",
    success: "Merci pour votre message. Nous vous répondrons rapidement.",
    invalid: "Vérifiez les champs signalés et réessayez.",
    rateLimited: "Vous avez envoyé plusieurs messages en peu de temps. Patientez quelques minutes avant de réessayer.",
    back: "Retour à la boutique",
  },
};

/** The form's `locale` field (Liquid's request.locale.iso_code) first, then Accept-Language; English otherwise. */
export function resolveContactLanguage(locale: string | undefined | null, acceptLanguage: string | undefined | null): ContactLanguage {
  const candidates = [locale ?? "", ...(acceptLanguage ?? "").split(",").map((part) => part.split(";")[0])];
  for (const candidate of candidates) {
    const language = candidate.trim().toLowerCase().split(/[-_]/)[0];
    if ((CONTACT_LANGUAGES as readonly string[]).includes(language)) return language as ContactLanguage;
  }
  return "en";
}

const OverrideSchema = z.record(
  z.string(),
  z.object({ title: z.string().optional(), intro: z.string().optional(), success: z.string().optional() }).partial(),
);

/**
 * The texts for one language: the shop's own (ShopSettings.contactFormTexts,
 * JSON `{ [language]: { title, success } }`) over the built-in ones. A malformed
 * override is ignored rather than breaking the form.
 */
export function contactTexts(language: ContactLanguage, overridesJson: string | null | undefined): ContactTexts & { custom: boolean } {
  const base = DEFAULT_CONTACT_TEXTS[language];
  let override: { title?: string; success?: string } | undefined;
  try {
    const parsed = OverrideSchema.safeParse(JSON.parse(overridesJson || "{}"));
    if (parsed.success) override = parsed.data[language];
  } catch {
    override = undefined;
  }
  const success = override?.success?.trim();
  const title = override?.title?.trim();
  return { ...base, title: title || base.title, success: success || base.success, custom: Boolean(success) };
}

/** HTML-escapes text and neutralises Liquid delimiters, for text placed in an application/liquid answer. */
export function escapeForLiquid(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/\{/g, "&#123;")
    .replace(/\}/g, "&#125;");
}

/** The no-JavaScript answer: Shopify renders this Liquid inside the shop's theme layout. */
export function contactConfirmationLiquid({
  heading,
  text,
  status,
  errors,
  backUrl,
  backLabel,
}: {
  heading: string;
  text: string;
  status: "success" | "error";
  errors?: Record<string, string>;
  backUrl: string;
  backLabel: string;
}): string {
  const list = errors
    ? `<ul>${Object.entries(errors)
        .map(([field, message]) => `<li>${escapeForLiquid(field)}: ${escapeForLiquid(message)}</li>`)
        .join("")}</ul>`
    : "";
  return [
    `<div class="replyreel-contact replyreel-contact--${status}" data-replyreel-contact-result="${status}">`,
    `<h1 class="replyreel-contact__heading">${escapeForLiquid(heading)}</h1>`,
    `<p class="replyreel-contact__status" role="status" data-state="${status}">${escapeForLiquid(text)}</p>`,
    list,
    `<p><a href="${escapeForLiquid(backUrl)}">${escapeForLiquid(backLabel)}</a></p>`,
    `</div>`,
  ].join("\n");
}
