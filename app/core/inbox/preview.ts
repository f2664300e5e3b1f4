// A template as the customer would read it, rendered against a sample
// message (with or without an order): the knowledge base's live preview in
// the browser and previewTemplate on the server share it.
import { renderTemplate } from "./render.ts";
import { templateValues } from "./order-context.ts";
import type { OrderContext } from "./order-context.ts";
import { tagProductLinks } from "./utm.ts";
import type { InboxLanguage } from "./intents.ts";

/** A plausible order for previews when no message is chosen; product links point at the shop. */
export function sampleOrder(shop: string): OrderContext {
  return {
    id: "gid://shopify/Order/1",
    name: "#1001",
    email: "maria.lopez@example.com",
    createdAt: "2026-11-20T09:30:00Z",
    financialStatus: "PAID",
    fulfillmentStatus: "FULFILLED",
    total: { amount: "89.00", currencyCode: "USD" },
    customer: { firstName: "Maria", lastName: "Lopez" },
    lineItems: [{ title: "Linen midi dress", quantity: 1, handle: "linen-midi-dress", url: `https://${shop}/products/linen-midi-dress` }],
    fulfillments: [
      {
        status: "SUCCESS",
        createdAt: "2026-11-21T09:30:00Z",
        tracking: [{ company: "UPS", number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784" }],
      },
    ],
  };
}

export function renderPreview({
  body,
  language,
  intent,
  shop,
  shopName,
  withOrder,
}: {
  body: string;
  language: InboxLanguage;
  intent: string;
  shop: string;
  shopName: string;
  withOrder: boolean;
}) {
  const values = templateValues({
    language,
    shopName,
    shopUrl: `https://${shop}`,
    customerName: "Maria Lopez",
    order: withOrder ? sampleOrder(shop) : null,
    messageId: "preview",
    intent,
  });
  const rendered = renderTemplate(body, values);
  return {
    text: tagProductLinks(rendered.text, { hosts: [shop], intent, messageId: "preview" }),
    missing: rendered.missing,
  };
}
