// Insights (issue 6, item 6): top intents over time, language mix, auto-reply
// rate, median first response, accuracy from corrections with a confusion
// matrix, and the unknown messages grouped by similarity.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, ButtonGroup, Card, EmptyState, InlineGrid, InlineStack, Layout, Page, ProgressBar, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { authenticate } from "../shopify.server.ts";
import { getInsights, parseInsightsRange } from "../models/insights.server.ts";
import { shopTimeZone } from "../models/shop-time-zone.server.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { insightsMessages } from "../i18n/messages/insights.ts";
import { intentMessages, languageNames } from "../i18n/messages/inbox.ts";
import { StackedBarChart } from "../components/insights/stacked-bar-chart.tsx";
import { ConfusionMatrix } from "../components/insights/confusion-matrix.tsx";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const { range, error } = parseInsightsRange(new URL(request.url).searchParams, await shopTimeZone(session.shop));
  return { insights: await getInsights({ shop: session.shop, range }), error };
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function Kpi({ title, value, help }: { title: string; value: string; help?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="h2" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <Text as="p" variant="headingXl">
          {value}
        </Text>
        {help && (
          <Text as="p" variant="bodySm" tone="subdued">
            {help}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

export default function InsightsPage() {
  const { insights, error } = useLoaderData<typeof loader>();
  const t = useTranslation(insightsMessages);
  const tIntent = useTranslation(intentMessages);
  const tLanguage = useTranslation(languageNames);
  const [from, setFrom] = useState(insights.range.from);
  const [to, setTo] = useState(insights.range.to);
  const intentLabel = (key: string) => (key === "other" ? t("other") : tIntent(key as Parameters<typeof tIntent>[0]));
  const languageLabel = (key: string) => tLanguage(key as Parameters<typeof tLanguage>[0]);
  const pct = (x: number | null) => (x === null ? t("noData") : `${(x * 100).toFixed(1)}%`);
  const duration = (ms: number | null) => {
    if (ms === null) return t("noData");
    const minutes = ms / 60_000;
    if (minutes < 90) return t("minutes", { value: minutes.toFixed(minutes < 10 ? 1 : 0) });
    if (minutes < 48 * 60) return t("hours", { value: (minutes / 60).toFixed(1) });
    return t("days", { value: (minutes / 1440).toFixed(1) });
  };
  const today = Date.parse(`${insights.range.to}T00:00:00Z`);
  const preset = (days: number) => `?from=${isoDay(today - (days - 1) * DAY)}&to=${insights.range.to}`;
  const { accuracy, unknown } = insights;
  const languageTotal = insights.languages.reduce((n, l) => n + l.count, 0);

  return (
    <Page title={t("title")} backAction={{ url: "/app" }}>
      <BlockStack gap="400">
        <Card>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end" wrap>
              <TextField label={t("from")} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
              <TextField label={t("to")} type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
              <Button submit variant="primary">
                {t("apply")}
              </Button>
              <ButtonGroup variant="segmented">
                <Button url={preset(7)}>{t("last7")}</Button>
                <Button url={preset(30)}>{t("last30")}</Button>
                <Button url={preset(90)}>{t("last90")}</Button>
              </ButtonGroup>
            </InlineStack>
          </Form>
        </Card>
        {error && <Banner tone="critical" title={t("badRange")}>{error}</Banner>}
        {insights.total === 0 ? (
          <Card>
            <EmptyState heading={t("emptyTitle")} image="">
              <p>{t("emptyBody")}</p>
            </EmptyState>
          </Card>
        ) : (
          <Layout>
            <Layout.Section>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
                <Kpi title={t("messages")} value={insights.total.toLocaleString()} />
                <Kpi
                  title={t("autoReplyRate")}
                  value={pct(insights.autoReply.rate)}
                  help={t("autoReplyHelp", { autoSent: insights.autoReply.autoSent.toLocaleString(), answerable: insights.autoReply.answerable.toLocaleString() })}
                />
                <Kpi title={t("firstResponse")} value={duration(insights.firstResponse.medianMs)} help={t("firstResponseHelp", { count: insights.firstResponse.measured.toLocaleString() })} />
                <Kpi
                  title={t("accuracy")}
                  value={pct(accuracy.accuracy)}
                  help={t("accuracyHelp", { correct: accuracy.correct.toLocaleString(), total: accuracy.total.toLocaleString(), corrections: accuracy.corrections.toLocaleString() })}
                />
              </InlineGrid>
            </Layout.Section>
            <Layout.Section>
              <SectionCard title={t("topIntents")}>
                <StackedBarChart
                  buckets={insights.series.buckets}
                  series={insights.series.intents}
                  seriesLabel={intentLabel}
                  summary={t("chartSummary", { total: insights.total, from: insights.range.from, to: insights.range.to })}
                />
              </SectionCard>
            </Layout.Section>
            <Layout.Section variant="oneThird">
              <SectionCard title={t("languageMix")}>
                {insights.languages.map((l) => (
                  <BlockStack key={l.language} gap="100">
                    <InlineStack align="space-between">
                      <Text as="span">{languageLabel(l.language)}</Text>
                      <Text as="span" tone="subdued">
                        {l.count.toLocaleString()} · {pct(l.count / languageTotal)}
                      </Text>
                    </InlineStack>
                    <ProgressBar progress={(l.count / languageTotal) * 100} size="small" />
                  </BlockStack>
                ))}
              </SectionCard>
            </Layout.Section>
            <Layout.Section>
              <SectionCard title={t("confusion")} help={t("confusionHelp")}>
                {accuracy.total === 0 ? (
                  <Text as="p">{t("noReviews")}</Text>
                ) : (
                  <ConfusionMatrix labels={accuracy.labels} counts={accuracy.counts} labelText={intentLabel} corner={t("confusionCorner")} />
                )}
              </SectionCard>
            </Layout.Section>
            <Layout.Section>
              <SectionCard title={t("unknownTitle")}>
                {unknown.total === 0 ? (
                  <Text as="p">{t("unknownEmpty")}</Text>
                ) : (
                  <>
                    <Text as="p" tone="subdued">
                      {t("unknownHelp", { total: unknown.total.toLocaleString() })}
                    </Text>
                    {unknown.groups.map((group) => (
                      <Box key={group.ids[0]} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
                        <BlockStack gap="200">
                          <InlineStack align="space-between" blockAlign="center">
                            <Text as="h3" variant="headingSm">
                              {t("messagesLike", { count: group.count })}
                              {group.terms.length > 0 ? ` · ${group.terms.join(", ")}` : ""}
                            </Text>
                            <Button url={`/app/knowledge?intent=${encodeURIComponent(group.guess ?? "unknown")}`} size="slim">
                              {t("addTemplate")}
                            </Button>
                          </InlineStack>
                          {group.samples.map((sample, i) => (
                            <Text key={i} as="p" tone="subdued" breakWord>
                              “{sample}”
                            </Text>
                          ))}
                          {group.guess && (
                            <Text as="p" variant="bodySm">
                              {t("guess", { intent: intentLabel(group.guess) })}
                            </Text>
                          )}
                        </BlockStack>
                      </Box>
                    ))}
                  </>
                )}
              </SectionCard>
            </Layout.Section>
          </Layout>
        )}
      </BlockStack>
    </Page>
  );
}
