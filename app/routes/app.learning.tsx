// Learning (issue 6, item 5): corrections, "Retrain" with a progress bar
// (training runs in worker threads; the page polls while it does), the
// versions with their before/after accuracy, and rollback.
import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, InlineGrid, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import { authenticate } from "../shopify.server.ts";
import { activateVersion, getLearningState, LearningError, startRetrain, restoreBuiltinModel } from "../models/learning.server.ts";
import { shopTimeZone } from "../models/shop-time-zone.server.ts";
import { shopTime } from "../core/time/shop-day.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { learningMessages } from "../i18n/messages/learning.ts";
import { intentMessages } from "../i18n/messages/inbox.ts";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const [state, timeZone] = await Promise.all([getLearningState({ shop: session.shop }), shopTimeZone(session.shop)]);
  return { ...state, timeZone };
}

const LearningAction = z.discriminatedUnion("_action", [
  z.object({ _action: z.literal("retrain") }),
  z.object({ _action: z.literal("activate"), version: z.number({ error: "is not a version number" }).int().min(1) }),
  z.object({ _action: z.literal("builtin") }),
]);

export type LearningActionData = { ok: boolean; action: string; version?: number; error?: string };

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const submission = parseWithZod(await request.formData(), { schema: LearningAction });
  if (submission.status !== "success") {
    const errors = Object.entries(submission.reply().error ?? {}).map(([k, v]) => `${k || "_action"}: ${(v ?? []).join(", ")}`);
    return data<LearningActionData>({ ok: false, action: "invalid", error: errors.join("; ") || "invalid form" }, { status: 400 });
  }
  const shop = session.shop;
  const value = submission.value;
  try {
    if (value._action === "retrain") {
      const row = await startRetrain({ shop });
      return data<LearningActionData>({ ok: true, action: "retrain", version: row.version }, { status: 202 });
    }
    if (value._action === "activate") {
      const row = await activateVersion({ shop, version: value.version });
      return data<LearningActionData>({ ok: true, action: "activate", version: row.version });
    }
    await restoreBuiltinModel({ shop });
    return data<LearningActionData>({ ok: true, action: "builtin" });
  } catch (error) {
    if (error instanceof LearningError) return data<LearningActionData>({ ok: false, action: value._action, error: error.message }, { status: error.status });
    throw error;
  }
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const beforeAfter = (a: number | null, b: number | null) => (a === null && b === null ? "—" : `${pct(a)} → ${pct(b)}`);
const TONES: Record<string, "success" | "critical" | "info" | "warning" | undefined> = {
  active: "success",
  training: "info",
  rejected: "warning",
  failed: "critical",
};

export default function LearningPage() {
  const state = useLoaderData<typeof loader>();
  const t = useTranslation(learningMessages);
  const tIntent = useTranslation(intentMessages);
  const fetcher = useFetcher<LearningActionData>({ key: "learning" });
  const revalidator = useRevalidator();
  const training = state.training;
  const latest = state.versions[0];

  // While a version trains, its progress is read again every 700 ms.
  useEffect(() => {
    if (!training) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 700);
    return () => clearInterval(timer);
  }, [training, revalidator]);

  const result = fetcher.data;
  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const statusText = (status: string) => t(`status_${status}` as Parameters<typeof t>[0]);
  const date = (value: string | Date | null) => (value ? shopTime(value, state.timeZone) : "—");

  return (
    <Page title={t("title")} backAction={{ url: "/app/settings" }}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <Text as="p">{t("intro")}</Text>
              <InlineGrid columns={{ xs: 1, md: 4 }} gap="400">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t("activeModel")}
                  </Text>
                  <Text as="p" variant="headingLg" id="active-model">
                    {state.active ? t("version", { version: state.active.version }) : t("builtin")}
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t("corrections")}
                  </Text>
                  <Text as="p" variant="headingLg">
                    {state.corrections.toLocaleString()}
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t("sinceLast")}
                  </Text>
                  <Text as="p" variant="headingLg">
                    {state.sinceLastTraining.toLocaleString()}
                  </Text>
                </BlockStack>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingSm">
                    {t("autoRetrain")}
                  </Text>
                  <Text as="p">{state.autoRetrainAfter ? t("autoRetrainOn", { count: state.autoRetrainAfter }) : t("autoRetrainOff")}</Text>
                </BlockStack>
              </InlineGrid>
              {result && !result.ok && <Banner tone="critical" title={t("error")}>{result.error}</Banner>}
              {result?.ok && result.action === "activate" && <Banner tone="success" title={t("rollbackDone", { version: result.version ?? "" })} />}
              {result?.ok && result.action === "builtin" && <Banner tone="success" title={t("builtinDone")} />}
              {training ? (
                <BlockStack gap="200">
                  <Text as="p" fontWeight="semibold">
                    {t("training", { version: training.version })}
                  </Text>
                  <ProgressBar progress={Math.round(training.progress * 100)} tone="primary" ariaLabelledBy="training-progress" />
                  <Text as="p" tone="subdued" id="training-progress">
                    {Math.round(training.progress * 100)}% · {t("trainingHelp")}
                  </Text>
                </BlockStack>
              ) : null}
              <InlineStack gap="200" align="end">
                {state.active && (
                  <Button onClick={() => submit({ _action: "builtin" })} disabled={fetcher.state !== "idle"}>
                    {t("useBuiltin")}
                  </Button>
                )}
                <Button variant="primary" onClick={() => submit({ _action: "retrain" })} loading={fetcher.state !== "idle"} disabled={Boolean(training) || state.corrections === 0}>
                  {t("retrain")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "16px" }}>
                <Text as="h2" variant="headingMd">
                  {t("versions")}
                </Text>
              </div>
              {state.versions.length === 0 ? (
                <div style={{ padding: "0 16px 16px" }}>
                  <Text as="p" tone="subdued">
                    {t("noVersions")}
                  </Text>
                </div>
              ) : (
                <>
                  <DataTable
                    columnContentTypes={["text", "text", "numeric", "text", "text", "numeric", "text"]}
                    headings={[t("colVersion"), t("colStatus"), t("colExamples"), t("colAccuracy"), t("colCorpus"), t("colTime"), ""]}
                    rows={state.versions.map((v) => [
                      <Text key="v" as="span" fontWeight="semibold">
                        {`v${v.version}`} <Text as="span" variant="bodySm" tone="subdued">{date(v.createdAt)}</Text>
                      </Text>,
                      <Badge key="s" tone={TONES[v.status]}>
                        {statusText(v.status)}
                      </Badge>,
                      `${v.examples} (${v.heldBack})`,
                      beforeAfter(v.accuracyBefore, v.accuracyAfter),
                      beforeAfter(v.corpusBefore, v.corpusAfter),
                      v.trainMs === null ? "—" : `${(v.trainMs / 1000).toFixed(1)} s`,
                      v.status === "retired" || v.status === "ready" ? (
                        <Button key="a" size="slim" onClick={() => submit({ _action: "activate", version: String(v.version) })}>
                          {t("activate")}
                        </Button>
                      ) : (
                        ""
                      ),
                    ])}
                  />
                  {latest && (latest.note || latest.error) && (
                    <div style={{ padding: "0 16px 16px" }}>
                      <Banner tone={latest.error ? "critical" : latest.status === "rejected" ? "warning" : "info"} title={`${t("colNote")} · v${latest.version}`}>
                        {latest.error ?? latest.note}
                      </Banner>
                    </div>
                  )}
                </>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <SectionCard title={t("recent")}>
            {state.recent.length === 0 ? (
              <EmptyState heading={t("noCorrections")} image="">
                <p>{t("noCorrectionsHelp")}</p>
              </EmptyState>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={[t("colText"), t("colPredicted"), t("colLabel")]}
                rows={state.recent.map((r) => [r.text.length > 90 ? `${r.text.slice(0, 90)}…` : r.text, r.predicted ? tIntent(r.predicted as Parameters<typeof tIntent>[0]) : "—", tIntent(r.label as Parameters<typeof tIntent>[0])])}
              />
            )}
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
