// "Try a message": the classifier and the template the pipeline would use,
// through a fetcher; nothing is stored.
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { knowledgeMessages } from "../../i18n/messages/knowledge.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { useIntentName, useLanguageName } from "../inbox/badges.tsx";
import { SectionCard } from "../section-card.tsx";

export type TryData =
  | {
      ok: true;
      result: {
        intent: string;
        confidence: number;
        alternatives: { label: string; confidence: number }[];
        language: string;
        sensitive: boolean;
        template: { intent: string; language: string; enabled: boolean } | null;
        reply: string | null;
        missing: string[];
      };
    }
  | { ok: false; error: string };

export function TryMessage() {
  const t = useTranslation(knowledgeMessages);
  const intentName = useIntentName();
  const languageName = useLanguageName();
  const fetcher = useFetcher<TryData>();
  const [text, setText] = useState("");
  const [email, setEmail] = useState("");
  const data = fetcher.data;
  const result = data?.ok ? data.result : null;
  return (
    <SectionCard title={t("try.title")} help={t("try.help")}>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="try" />
        <BlockStack gap="200">
          <TextField label={t("try.text")} name="text" value={text} onChange={setText} multiline={3} autoComplete="off" />
          <TextField label={t("try.email")} name="email" type="email" value={email} onChange={setEmail} autoComplete="off" />
          <InlineStack align="end">
            <Button submit loading={fetcher.state !== "idle"} disabled={!text.trim()}>
              {t("try.submit")}
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
      {data && !data.ok ? (
        <Banner tone="critical">
          <p>{t("error.invalid", { reason: data.error })}</p>
        </Banner>
      ) : null}
      {result ? (
        <BlockStack gap="200" aria-live="polite">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Text as="span" tone="subdued">
              {t("try.intent")}
            </Text>
            <Badge tone={result.intent === "unknown" ? "attention" : "info"}>{intentName(result.intent)}</Badge>
            <Text as="span" tone="subdued">
              {t("try.confidence")}
            </Text>
            <Text as="span" fontWeight="semibold">{`${Math.round(result.confidence * 100)}%`}</Text>
            <Text as="span" tone="subdued">
              {t("try.language")}
            </Text>
            <Badge>{languageName(result.language)}</Badge>
            {result.sensitive ? <Badge tone="warning">{t("try.sensitive")}</Badge> : null}
          </InlineStack>
          {result.alternatives.length > 0 ? (
            <Text as="p" tone="subdued">
              {t("try.alternatives")}: {result.alternatives.map((a) => `${intentName(a.label)} ${Math.round(a.confidence * 100)}%`).join(" · ")}
            </Text>
          ) : null}
          {result.template ? (
            <Text as="p" tone="subdued">
              {t("try.template", {
                intent: intentName(result.template.intent),
                language: languageName(result.template.language),
                off: result.template.enabled ? "" : t("try.off"),
              })}
            </Text>
          ) : null}
          <Text as="p" fontWeight="semibold">
            {t("try.reply")}
          </Text>
          <Box padding="300" background="bg-surface-secondary" borderRadius="200">
            <div data-testid="try-reply" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {result.reply && result.template?.enabled ? result.reply : t("try.noReply")}
            </div>
          </Box>
        </BlockStack>
      ) : null}
    </SectionCard>
  );
}
