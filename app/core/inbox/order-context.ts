// An order as the inbox needs it (fetched by app/models/order-context.server.ts)
// and the template variables it fills.
import type { InboxLanguage } from "./intents.ts";
import type { TemplateValues } from "./render.ts";
import { tagProductUrl } from "./utm.ts";

export type OrderContext = {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  cancelledAt?: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  total: { amount: string; currencyCode: string } | null;
  customer: { firstName: string | null; lastName: string | null } | null;
  lineItems: { title: string; quantity: number; handle: string | null; url: string | null }[];
  fulfillments: { status: string | null; createdAt: string | null; tracking: { company: string | null; number: string | null; url: string | null }[] }[];
};

/**
 * How the order was found: by number and the sender's email, by number alone,
 * as the sender's latest order, or with an email that was only written in the
 * message text (anyone can type one: never enough to answer automatically).
 */
export type OrderMatch = "number_and_email" | "number" | "latest_by_email" | "unverified_email";

/** What the pipeline stores in Message.orderContext. */
export type StoredOrderContext =
  | { status: "found"; match: OrderMatch; order: OrderContext }
  | { status: "not_found"; query: string }
  | { status: "skipped"; reason: string }
  | { status: "error"; reason: string };

type StatusKey = "cancelled" | "refunded" | "delivered" | "shipped" | "partly_shipped" | "on_hold" | "preparing";

// Each is the predicate of "Your order #1043 …", so templates read naturally.
const STATUS_TEXT: Record<StatusKey, Record<InboxLanguage, string>> = {
  cancelled: { en: "has been cancelled", zh: "已取消", es: "ha sido cancelado", fr: "a été annulée" },
  refunded: { en: "has been refunded", zh: "已退款", es: "ha sido reembolsado", fr: "a été remboursée" },
  delivered: { en: "has been delivered", zh: "已送达", es: "ha sido entregado", fr: "a été livrée" },
  shipped: { en: "has shipped", zh: "已发货", es: "ha sido enviado", fr: "a été expédiée" },
  partly_shipped: { en: "has partly shipped", zh: "已部分发货", es: "se ha enviado en parte", fr: "a été partiellement expédiée" },
  on_hold: { en: "is on hold", zh: "暂时搁置", es: "está en espera", fr: "est en attente" },
  preparing: { en: "is being prepared", zh: "正在备货", es: "se está preparando", fr: "est en cours de préparation" },
};

export function orderStatusKey(order: Pick<OrderContext, "cancelledAt" | "financialStatus" | "fulfillmentStatus" | "fulfillments">): StatusKey {
  if (order.cancelledAt) return "cancelled";
  if (order.financialStatus === "REFUNDED") return "refunded";
  if (order.fulfillments.some((f) => f.status === "DELIVERED")) return "delivered";
  switch (order.fulfillmentStatus) {
    case "FULFILLED":
      return "shipped";
    case "PARTIALLY_FULFILLED":
      return "partly_shipped";
    case "ON_HOLD":
      return "on_hold";
    default:
      return order.fulfillments.length > 0 ? "shipped" : "preparing";
  }
}

export function orderStatusText(order: OrderContext, language: InboxLanguage): string {
  return STATUS_TEXT[orderStatusKey(order)][language];
}

export type VariableContext = {
  language: InboxLanguage;
  shopName: string;
  shopUrl: string;
  customerName?: string | null;
  order?: OrderContext | null;
  messageId: string;
  intent: string;
};

// Building an Intl.DateTimeFormat costs about as much as the rest of templateValues: one per language.
const orderDateFormats = new Map<string, Intl.DateTimeFormat>();
function formatOrderDate(language: string, iso: string): string {
  let format = orderDateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "zh" ? "zh-CN" : language, { dateStyle: "long", timeZone: "UTC" });
    orderDateFormats.set(language, format);
  }
  return format.format(new Date(iso));
}

/** The template variables for a message, its order (if any) and the shop. */
export function templateValues(context: VariableContext): TemplateValues {
  const { order, language } = context;
  const givenFirst = context.customerName?.trim().split(/\s+/)[0] ?? null;
  const firstName = order?.customer?.firstName?.trim() || givenFirst;
  const values: TemplateValues = {
    first_name: firstName,
    customer_name: context.customerName?.trim() || [order?.customer?.firstName, order?.customer?.lastName].filter(Boolean).join(" ") || null,
    shop_name: context.shopName,
    shop_url: context.shopUrl.replace(/\/$/, ""),
  };
  if (!order) return values;
  const tracking = order.fulfillments.flatMap((f) => f.tracking).find((t) => t.url || t.number);
  const utm = { intent: context.intent, messageId: context.messageId };
  values.order_name = order.name;
  values.order_status = orderStatusText(order, language);
  values.order_date = order.createdAt ? formatOrderDate(language, order.createdAt) : null;
  values.items = order.lineItems.map((li) => `${li.quantity} × ${li.title}`).join("\n");
  values.tracking_number = tracking?.number ?? null;
  values.carrier = tracking?.company ?? null;
  values.tracking_link = tracking?.url ?? null;
  const seen = new Set<string>();
  values.product_links = order.lineItems
    .filter((li) => li.url && !seen.has(li.url) && seen.add(li.url))
    .map((li) => `- ${li.title}: ${tagProductUrl(li.url as string, utm)}`)
    .join("\n");
  return values;
}
