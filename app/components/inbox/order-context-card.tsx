// The customer and order card of the message page: from Message.orderContext.
import { Badge, BlockStack, InlineStack, Link, Text } from "@shopify/polaris";
import type { StoredOrderContext } from "../../core/inbox/order-context.ts";
import { inboxMessages } from "../../i18n/messages/inbox.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { InboxKey } from "./badges.tsx";
import { SectionCard } from "../section-card.tsx";

export function OrderContextCard({
  context,
  customerName,
  customerEmail,
}: {
  context: StoredOrderContext | null;
  customerName: string | null;
  customerEmail: string | null;
}) {
  const t = useTranslation(inboxMessages);
  const order = context?.status === "found" ? context.order : null;
  return (
    <SectionCard title={t("message.context")}>
      <BlockStack gap="100">
        <Text as="p" fontWeight="semibold">
          {customerName || t("unknownCustomer")}
        </Text>
        {customerEmail ? (
          <Text as="p" tone="subdued">
            {customerEmail}
          </Text>
        ) : null}
      </BlockStack>
      {order && context?.status === "found" ? (
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {order.name}
            </Text>
            {order.financialStatus ? (
              <Badge tone={order.financialStatus === "PAID" ? "success" : "attention"}>{order.financialStatus.toLowerCase().replace(/_/g, " ")}</Badge>
            ) : null}
            {order.fulfillmentStatus ? (
              <Badge tone={order.fulfillmentStatus === "FULFILLED" ? "success" : "info"}>{order.fulfillmentStatus.toLowerCase().replace(/_/g, " ")}</Badge>
            ) : null}
          </InlineStack>
          <Text as="p" tone="subdued">
            {t(`message.matchedBy.${context.match}` as InboxKey)}
          </Text>
          {order.total ? (
            <Text as="p">
              {t("message.total")}: {order.total.amount} {order.total.currencyCode}
            </Text>
          ) : null}
          {order.lineItems.length > 0 ? (
            <BlockStack gap="050">
              <Text as="p" fontWeight="semibold">
                {t("message.items")}
              </Text>
              {order.lineItems.map((li, i) => (
                <Text as="p" key={i}>
                  {li.quantity} × {li.title}
                </Text>
              ))}
            </BlockStack>
          ) : null}
          {order.fulfillments.map((f, i) => (
            <BlockStack gap="050" key={i}>
              <Text as="p" fontWeight="semibold">
                {t("message.fulfilment")} {f.status ? `· ${f.status.toLowerCase()}` : ""}
              </Text>
              {f.tracking.map((tr, j) => (
                <InlineStack gap="200" key={j}>
                  {tr.number ? (
                    <Text as="span">
                      {t("message.trackingNumber")}: {tr.number}
                    </Text>
                  ) : null}
                  {tr.url ? (
                    <Link url={tr.url} target="_blank">
                      {t("message.tracking", { carrier: tr.company ?? "" })}
                    </Link>
                  ) : null}
                </InlineStack>
              ))}
            </BlockStack>
          ))}
        </BlockStack>
      ) : (
        <Text as="p" tone="subdued">
          {context?.status === "not_found"
            ? t("message.orderNotFound", { query: context.query })
            : context?.status === "error"
            ? t("message.orderError", { reason: context.reason })
            : context?.status === "skipped"
            ? t("message.orderSkipped", { reason: context.reason })
            : t("message.noOrder")}
        </Text>
      )}
    </SectionCard>
  );
}
