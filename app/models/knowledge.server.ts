// The knowledge base's "Try a message" box (issue 6 item 3): what the
// pipeline would do with a text — intent, confidence, language and the reply
// it would get — without storing a message, sending anything or counting it.
import { z } from "zod";
import type { Alternative } from "../core/classifier/classifier.ts";
import { detectLanguage } from "../core/intents/language.ts";
import { extractEntities } from "../core/intents/entities.ts";
import type { InboxLanguage } from "../core/inbox/intents.ts";
import { ORDER_INTENTS, isInboxLanguage } from "../core/inbox/intents.ts";
import { renderTemplate } from "../core/inbox/render.ts";
import { templateValues } from "../core/inbox/order-context.ts";
import type { StoredOrderContext } from "../core/inbox/order-context.ts";
import { tagProductLinks } from "../core/inbox/utm.ts";
import { classifierFor } from "./pipeline.server.ts";
import { getShopSettings } from "./settings.server.ts";
import { resolveTemplate } from "./templates.server.ts";
import type { AdminGraphql } from "./order-context.server.ts";
import { fetchOrderContext } from "./order-context.server.ts";

export const TryMessageSchema = z.object({
  text: z.string().trim().min(1, "is empty").max(5_000, "is longer than 5,000 characters"),
  email: z.preprocess((v) => (v === "" ? undefined : v), z.email("is not an email address").max(254).optional()),
});

export type TryResult = {
  intent: string;
  confidence: number;
  alternatives: Alternative[];
  language: string;
  sensitive: boolean;
  template: {
    id: string;
    intent: string;
    language: string;
    enabled: boolean;
  } | null;
  reply: string | null;
  missing: string[];
  orderContext: StoredOrderContext["status"];
};

export async function tryMessage({
  shop,
  input,
  graphql,
}: {
  shop: string;
  input: z.input<typeof TryMessageSchema>;
  graphql?: AdminGraphql;
}): Promise<TryResult> {
  const { text, email } = TryMessageSchema.parse(input);
  const [settings, { classifier }] = await Promise.all([getShopSettings({ shop }), classifierFor(shop)]);
  const prediction = classifier.predict(text);
  const language = detectLanguage(text).language;
  const entities = extractEntities(text);
  const orderNumber = entities.find((e) => e.type === "order_number")?.value ?? null;
  const lookupEmail = email ?? entities.find((e) => e.type === "email")?.value ?? null;
  const lookUp = Boolean(orderNumber) || (Boolean(lookupEmail) && ORDER_INTENTS.has(prediction.label));
  const orderContext: StoredOrderContext = lookUp
    ? await fetchOrderContext({
        shop,
        orderNumber,
        email: lookupEmail,
        graphql,
      })
    : { status: "skipped", reason: "no order" };
  const supported = isInboxLanguage(language) && settings.languages.includes(language);
  const languages = [...new Set<InboxLanguage>([...(supported ? [language as InboxLanguage] : []), settings.defaultLanguage, "en"])];
  const template = await resolveTemplate({
    shop,
    intent: prediction.label,
    languages,
  });
  let reply: string | null = null;
  let missing: string[] = [];
  if (template) {
    const values = templateValues({
      language: template.language,
      shopName: settings.fromName?.trim() || shop.replace(/\.myshopify\.com$/, ""),
      shopUrl: `https://${shop}`,
      customerName: null,
      order: orderContext.status === "found" ? orderContext.order : null,
      messageId: "try",
      intent: prediction.label,
    });
    const rendered = renderTemplate(template.body, values);
    reply = tagProductLinks(rendered.text, {
      hosts: [shop],
      intent: prediction.label,
      messageId: "try",
    });
    missing = rendered.missing;
  }
  return {
    intent: prediction.label,
    confidence: prediction.confidence,
    alternatives: prediction.alternatives.slice(0, 3),
    language,
    sensitive: settings.sensitiveIntents.includes(prediction.label),
    template: template
      ? {
          id: template.id,
          intent: template.intent,
          language: template.language,
          enabled: template.enabled,
        }
      : null,
    reply,
    missing,
    orderContext: orderContext.status,
  };
}
