// The inbox's intent labels (SPEC §3) and the languages it answers in.
export const INTENTS = [
  "order_status",
  "shipping_info",
  "return_request",
  "return_policy",
  "refund_status",
  "cancel_order",
  "change_order",
  "product_info",
  "stock_availability",
  "discount_pricing",
  "payment_issue",
  "complaint",
  "negative_review_threat",
  "wholesale_partnership",
  "account_help",
  "greeting_thanks",
  "spam",
] as const;
export type Intent = (typeof INTENTS)[number];

/** What the classifier answers when it is not sure; it has a template of its own. */
export const UNKNOWN_INTENT = "unknown";
export type TemplateIntent = Intent | typeof UNKNOWN_INTENT;
export const TEMPLATE_INTENTS: readonly TemplateIntent[] = [...INTENTS, UNKNOWN_INTENT];

export const INBOX_LANGUAGES = ["en", "zh", "es", "fr"] as const;
export type InboxLanguage = (typeof INBOX_LANGUAGES)[number];

export function isInboxLanguage(value: string | null | undefined): value is InboxLanguage {
  return (INBOX_LANGUAGES as readonly string[]).includes(value ?? "");
}

export function isTemplateIntent(value: string): value is TemplateIntent {
  return (TEMPLATE_INTENTS as readonly string[]).includes(value);
}

/** Intents whose answer is about one order: worth an Admin API lookup by the sender's email. */
export const ORDER_INTENTS: ReadonlySet<string> = new Set([
  "order_status",
  "refund_status",
  "cancel_order",
  "change_order",
  "return_request",
  "complaint",
  "payment_issue",
  "negative_review_threat",
]);
