// The conversion report (issue 8, SPEC §6 "Report"): content and reply links
// measured in orders, by date range and grouping, with costs for ROAS.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { z } from "zod";
import { authenticate } from "../shopify.server.ts";
import { loadReportPage } from "../models/report.server.ts";
import { GROUP_BY, type GroupBy } from "../core/report/groups.ts";
import { createCost, CostInputSchema, deleteCost } from "../models/costs.server.ts";
import { updateAttributionSettings } from "../models/attribution.server.ts";
import { TrendChart } from "../components/report/trend-chart.tsx";
import { formatMoney } from "../core/report/money.ts";
import { formatCount, formatPercent, formatRoas } from "../core/report/metrics.ts";
import type { Metrics } from "../core/report/metrics.ts";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return loadReportPage({ shop: session.shop, url: new URL(request.url) });
}

const SettingsSchema = z.object({ windowDays: z.coerce.number().int().min(1).max(90), model: z.enum(["last_touch", "first_touch"]) });

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete-cost") {
    const deleted = await deleteCost({ shop: session.shop, id: String(formData.get("id") ?? "") });
    return json({ ok: deleted, errors: {} as Record<string, string[]> }, { status: deleted ? 200 : 404 });
  }
  if (intent === "settings") {
    const submission = parseWithZod(formData, { schema: SettingsSchema });
    if (submission.status !== "success") return json({ ok: false, errors: submission.reply().error ?? {} }, { status: 400 });
    await updateAttributionSettings({ shop: session.shop, input: submission.value });
    return json({ ok: true, errors: {} });
  }
  const submission = parseWithZod(formData, { schema: CostInputSchema });
  if (submission.status !== "success") return json({ ok: false, errors: submission.reply().error ?? {} }, { status: 400 });
  try {
    await createCost({ shop: session.shop, input: submission.value });
  } catch (error) {
    if (error instanceof z.ZodError) {
      return json({ ok: false, errors: Object.fromEntries(error.issues.map((i) => [i.path.join("."), [i.message]])) }, { status: 400 });
    }
    throw error;
  }
  return json({ ok: true, errors: {} });
}

const GROUP_LABEL: Record<GroupBy, string> = {
  item: "Content item",
  feed: "Feed (block)",
  campaign: "UTM campaign",
  source: "UTM source",
  medium: "UTM medium",
  reply: "Reply (message)",
};

function useMoney(currency: string) {
  return (minor: number | null) => (minor === null ? "—" : formatMoney(minor, currency));
}

function metricCells(m: Metrics, money: (minor: number | null) => string, costKnown: boolean) {
  return [
    formatCount(m.impressions),
    formatCount(m.plays),
    formatCount(m.clicks),
    formatPercent(m.ctr),
    formatCount(m.addToCarts),
    formatCount(m.orders),
    money(m.revenueMinor),
    formatPercent(m.cvr),
    money(m.aovMinor),
    costKnown ? money(m.costMinor) : "—",
    costKnown ? formatRoas(m.roas) : "—",
  ];
}

export default function ReportPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string[] | null | undefined> = actionData?.errors ?? {};
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const money = useMoney(data.currency);
  const [from, setFrom] = useState(data.range.from);
  const [to, setTo] = useState(data.range.to);
  const [group, setGroup] = useState<string>(data.groupBy);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [cost, setCost] = useState({ target: "item", itemId: data.costOptions[0]?.id ?? "", utmCampaign: "", startsOn: data.range.from, endsOn: data.range.to, amount: "", note: "" });
  const [windowDays, setWindowDays] = useState(String(data.attribution.windowDays));
  const [model, setModel] = useState<string>(data.attribution.model);
  const t = data.totals;

  // The export goes through fetch so App Bridge adds the session token; the server streams it.
  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      const query = new URLSearchParams({ from: data.range.from, to: data.range.to, group: data.groupBy });
      const res = await fetch(`/app/report/export?${query}`);
      if (!res.ok) throw new Error(`export failed (${res.status})`);
      const blob = await res.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `replyreel-report-${data.range.from}-${data.range.to}-${data.groupBy}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  }

  const stats: [string, string][] = [
    ["Impressions", formatCount(t.impressions)],
    ["Plays", formatCount(t.plays)],
    ["Clicks", formatCount(t.clicks)],
    ["CTR", formatPercent(t.ctr)],
    ["Add to carts", formatCount(t.addToCarts)],
    ["Orders", formatCount(t.orders)],
    ["Revenue", money(t.revenueMinor)],
    ["CVR", formatPercent(t.cvr)],
    ["AOV", money(t.aovMinor)],
    ["Cost", money(t.costMinor)],
    ["ROAS", formatRoas(t.roas)],
    ["Assisted orders", formatCount(t.assisted)],
  ];
  const funnel = data.funnel;

  return (
    <Page
      title="Report"
      subtitle={`${data.range.from} to ${data.range.to} (days in ${data.range.timeZone === "UTC" ? "UTC" : `${data.range.timeZone} time`}) · ${GROUP_LABEL[data.groupBy]}`}
      primaryAction={{ content: "Export CSV", onAction: exportCsv, loading: exporting }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <Form method="get">
              <InlineStack gap="300" blockAlign="end" wrap>
                {params.get("shop") && <input type="hidden" name="shop" value={params.get("shop") ?? ""} />}
                <TextField label="From" type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
                <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
                <Select label="Group by" name="group" options={GROUP_BY.map((g) => ({ label: GROUP_LABEL[g], value: g }))} value={group} onChange={setGroup} />
                <Button submit loading={navigation.state === "loading"}>
                  Apply
                </Button>
              </InlineStack>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Banner tone="info" title="How orders are credited">
            <p>{data.attribution.description}</p>
            <p>
              Signals: the cart attribute the blocks set on a click, line item properties from quick add, the landing page&apos;s UTMs,
              the web pixel&apos;s checkout report, and reply links (utm_medium=reply). Revenue is the order total less refunds, in {data.currency}.
              {` ${formatCount(data.orders.attributed)} of ${formatCount(data.orders.received)} orders in this range were credited.`}
            </p>
          </Banner>
          {exportError && (
            <Box paddingBlockStart="200">
              <Banner tone="critical">{exportError}</Banner>
            </Box>
          )}
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            {stats.map(([label, value]) => (
              <Card key={label}>
                <Text as="p" tone="subdued">
                  {label}
                </Text>
                <Text as="p" variant="headingLg">
                  {value}
                </Text>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Over time
              </Text>
              <TrendChart points={data.series} formatRevenue={(m) => money(m)} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Box padding="400">
              <Text as="h2" variant="headingMd">
                By {GROUP_LABEL[data.groupBy].toLowerCase()}
              </Text>
            </Box>
            {data.rows.length === 0 ? (
              <Box padding="400">
                <Text as="p" tone="subdued">
                  No content activity in this range yet.
                </Text>
              </Box>
            ) : (
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                headings={[GROUP_LABEL[data.groupBy], "Impressions", "Plays", "Clicks", "CTR", "Add to carts", "Orders", "Revenue", "CVR", "AOV", "Cost", "ROAS"]}
                rows={data.rows.slice(0, 200).map((r) => [r.label, ...metricCells(r.metrics, money, r.costKnown)])}
                totals={["", ...metricCells(t, money, true)]}
                showTotalsInFooter
                truncate
              />
            )}
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Top content
              </Text>
              {data.top.length === 0 ? (
                <Text as="p" tone="subdued">
                  Nothing yet.
                </Text>
              ) : (
                data.top.map((row, index) => (
                  <InlineStack key={row.key} align="space-between">
                    <Text as="span">{`${index + 1}. ${row.label}`}</Text>
                    <Text as="span" tone="subdued">{`${money(row.metrics.revenueMinor)} · ${formatCount(row.metrics.orders)} orders · ${formatCount(row.metrics.clicks)} clicks`}</Text>
                  </InlineStack>
                ))
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Reply funnel
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric"]}
                headings={["Step", "Count"]}
                rows={[
                  ["Messages received", formatCount(funnel.messages)],
                  ["Replies with product links", formatCount(funnel.repliesWithLinks)],
                  ["Clicks on reply links", formatCount(funnel.clicks)],
                  ["Orders from replies", formatCount(funnel.orders)],
                  ["Revenue from replies", money(funnel.revenueMinor)],
                ]}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="add-cost" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  Add a cost
                </Text>
                <Select
                  label="For"
                  name="target"
                  options={[
                    { label: "A content item", value: "item" },
                    { label: "A UTM campaign", value: "campaign" },
                    { label: "A period (all content)", value: "period" },
                  ]}
                  value={cost.target}
                  onChange={(v) => setCost((c) => ({ ...c, target: v }))}
                />
                {cost.target === "item" && (
                  <Select
                    label="Content item"
                    name="itemId"
                    options={data.costOptions.length ? data.costOptions.map((i) => ({ label: i.title, value: i.id })) : [{ label: "No content items yet", value: "" }]}
                    value={cost.itemId}
                    onChange={(v) => setCost((c) => ({ ...c, itemId: v }))}
                    error={errors.itemId?.[0]}
                  />
                )}
                {cost.target === "campaign" && (
                  <TextField label="UTM campaign" name="utmCampaign" value={cost.utmCampaign} onChange={(v) => setCost((c) => ({ ...c, utmCampaign: v }))} error={errors.utmCampaign?.[0]} autoComplete="off" />
                )}
                <FormLayout.Group>
                  <TextField label="From" type="date" name="startsOn" value={cost.startsOn} onChange={(v) => setCost((c) => ({ ...c, startsOn: v }))} error={errors.startsOn?.[0]} autoComplete="off" />
                  <TextField label="To" type="date" name="endsOn" value={cost.endsOn} onChange={(v) => setCost((c) => ({ ...c, endsOn: v }))} error={errors.endsOn?.[0]} autoComplete="off" />
                </FormLayout.Group>
                <TextField label={`Amount (${data.currency})`} name="amount" value={cost.amount} onChange={(v) => setCost((c) => ({ ...c, amount: v }))} error={errors.amount?.[0]} autoComplete="off" inputMode="decimal" />
                <TextField label="Note" name="note" value={cost.note} onChange={(v) => setCost((c) => ({ ...c, note: v }))} autoComplete="off" />
                <Button submit>Add cost</Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <SectionCard title="Costs in this range">
            {data.costs.length === 0 ? (
              <Text as="p" tone="subdued">
                No costs entered. ROAS needs a cost per item, campaign or period.
              </Text>
            ) : (
              data.costs.map((c) => (
                <InlineStack key={c.id} align="space-between" blockAlign="center">
                  <Text as="span">{`${c.itemId ? (data.costOptions.find((i) => i.id === c.itemId)?.title ?? "Item") : c.utmCampaign ? `Campaign ${c.utmCampaign}` : "All content"} · ${c.startsOn} – ${c.endsOn} · ${money(c.costMinor)}`}</Text>
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-cost" />
                    <input type="hidden" name="id" value={c.id} />
                    <Button submit variant="plain" tone="critical">
                      Delete
                    </Button>
                  </Form>
                </InlineStack>
              ))
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="settings" />
              <FormLayout>
                <Text as="h3" variant="headingSm">
                  Attribution settings
                </Text>
                <FormLayout.Group>
                  <TextField label="Window (days after a click)" type="number" name="windowDays" value={windowDays} onChange={setWindowDays} min={1} max={90} error={errors.windowDays?.[0]} autoComplete="off" />
                  <Select
                    label="Model"
                    name="model"
                    options={[
                      { label: "Last touch", value: "last_touch" },
                      { label: "First touch", value: "first_touch" },
                    ]}
                    value={model}
                    onChange={setModel}
                  />
                </FormLayout.Group>
                <Text as="p" tone="subdued">
                  Applies to orders received from now on.
                </Text>
                <Button submit>Save settings</Button>
              </FormLayout>
            </Form>
          </SectionCard>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
