// The storefront contact form (issue 5, item 2a): rate limits, validation,
// honeypot, then the message goes through the inbox pipeline.
import {
  contactExternalId,
  contactTexts,
  parseContactForm,
  resolveContactLanguage,
  type ContactLanguage,
  type ContactTexts,
} from "../core/inbox/contact-form.ts";
import { acceptIngestedMessage } from "./channel-ingest.server.ts";
import { limitContactForm, type RateDecision } from "./rate-limit.server.ts";
import { getRecentShopSettings } from "./settings.server.ts";

export type ContactOutcome = { language: ContactLanguage; texts: ContactTexts & { custom: boolean } } & (
  | { kind: "accepted"; created: boolean; messageId: string }
  | { kind: "honeypot" }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "rate_limited"; decision: Extract<RateDecision, { allowed: false }> }
);

export async function submitContactForm({
  shop,
  visitor,
  fields,
  acceptLanguage,
}: {
  shop: string;
  visitor: string;
  fields: URLSearchParams;
  acceptLanguage: string | null;
}): Promise<ContactOutcome> {
  const language = resolveContactLanguage(fields.get("locale"), acceptLanguage);
  // Read once (a copy at most seconds old): the texts here, and the pipeline that runs after the answer uses the same settings.
  const settings = await getRecentShopSettings({ shop });
  const texts = contactTexts(language, JSON.stringify(settings.contactFormTexts));
  const base = { language, texts };

  const decision = await limitContactForm({ shop, visitor });
  if (!decision.allowed) return { ...base, kind: "rate_limited", decision };

  const parsed = parseContactForm(fields);
  if (!parsed.ok) return { ...base, kind: "invalid", errors: parsed.errors };
  // A bot filled the hidden field: answer as if sent, store nothing.
  if (parsed.honeypot) return { ...base, kind: "honeypot" };

  const { form } = parsed;
  const body = form.order_number ? `${form.message}\n\nOrder number: ${form.order_number}` : form.message;
  // Answered once stored; classification, order context and the suggestion follow off the shopper's path.
  const result = await acceptIngestedMessage({
    shop,
    settings,
    input: {
      channel: "contact_form",
      externalId: contactExternalId(form),
      source: "storefront",
      customerName: form.name,
      customerEmail: form.email.toLowerCase(),
      body,
    },
  });
  return { ...base, kind: "accepted", created: result.created, messageId: result.message.id };
}
