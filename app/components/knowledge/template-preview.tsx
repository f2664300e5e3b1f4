// The live preview: the template rendered in the browser with the pure
// render core, against a sample message with or without an order.
import { useState } from "react";
import { Box, Select, Text } from "@shopify/polaris";
import type { InboxLanguage } from "../../core/inbox/intents.ts";
import { renderPreview } from "../../core/inbox/preview.ts";
import { knowledgeMessages } from "../../i18n/messages/knowledge.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { SectionCard } from "../section-card.tsx";

const SAMPLE_TEXT: Record<InboxLanguage, string> = {
  en: "Hi, where is my order #1001? — Maria Lopez",
  zh: "你好，我的订单 #1001 到哪里了？—— Maria Lopez",
  es: "Hola, ¿dónde está mi pedido #1001? — Maria Lopez",
  fr: "Bonjour, où en est ma commande #1001 ? — Maria Lopez",
};

export function TemplatePreview({
  body,
  language,
  intent,
  shop,
  shopName,
}: {
  body: string;
  language: InboxLanguage;
  intent: string;
  shop: string;
  shopName: string;
}) {
  const t = useTranslation(knowledgeMessages);
  const [sample, setSample] = useState("order");
  const preview = renderPreview({
    body,
    language,
    intent,
    shop,
    shopName,
    withOrder: sample === "order",
  });
  return (
    <SectionCard title={t("preview.title")}>
      <Select
        label={t("preview.sample")}
        options={[
          { label: t("preview.withOrder"), value: "order" },
          { label: t("preview.withoutOrder"), value: "none" },
        ]}
        value={sample}
        onChange={setSample}
      />
      <Text as="p" tone="subdued">
        {sample === "order" ? SAMPLE_TEXT[language] : ""}
      </Text>
      <Box padding="300" background="bg-surface-secondary" borderRadius="200">
        <div data-testid="template-preview" role="region" aria-label={t("preview.title")} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {preview.text}
        </div>
      </Box>
      {preview.missing.length > 0 ? (
        <Text as="p" tone="caution">
          {t("preview.missing", { names: preview.missing.join(", ") })}
        </Text>
      ) : null}
    </SectionCard>
  );
}
