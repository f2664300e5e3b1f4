// The inbox list (issue 6 item 1): status tabs, filters, search, most urgent
// first then the longest waiting, bulk actions and keyset pagination.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Card, EmptyState, IndexTable, Page, Pagination, Text, useIndexResourceState } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server.ts";
import {
  applyBulkAction,
  BulkActionSchema,
  countByStatus,
  filterOptions,
  filterToParams,
  InboxFilterSchema,
  listInbox,
  parseInboxFilter,
} from "../models/inbox.server.ts";
import { inboxMessages } from "../i18n/messages/inbox.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { ChannelBadge, IntentBadge, LanguageBadge, PriorityBadge, StatusBadge, waitingText } from "../components/inbox/badges.tsx";
import { InboxFilters } from "../components/inbox/filters.tsx";
import { SetIntentModal } from "../components/inbox/set-intent-modal.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const params = new URL(request.url).searchParams;
  const parsed = parseInboxFilter(params);
  const filter = parsed.ok ? parsed.filter : InboxFilterSchema.parse({});
  const [page, counts, options] = await Promise.all([
    listInbox({
      shop,
      filter,
      after: params.get("after"),
      before: params.get("before"),
    }),
    countByStatus({ shop }),
    filterOptions({ shop }),
  ]);
  return {
    page,
    counts,
    options,
    filter,
    filterQuery: filterToParams(filter).toString(),
    filterError: parsed.ok ? null : parsed.error,
    now: Date.now(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const parsed = BulkActionSchema.safeParse({
    action: form.get("action"),
    ids: String(form.get("ids") ?? "")
      .split(",")
      .filter(Boolean),
    ...(form.has("label") ? { label: form.get("label") } : {}),
  });
  if (!parsed.success)
    return Response.json(
      {
        ok: false,
        error: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
      },
      { status: 400 }
    );
  const result = await applyBulkAction({
    shop: session.shop,
    input: parsed.data,
  });
  return { ok: true as const, ...result };
}

export default function Inbox() {
  const { page, counts, options, filter, filterQuery, filterError, now } = useLoaderData<typeof loader>();
  const t = useTranslation(inboxMessages);
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const fetcher = useFetcher<{
    ok: boolean;
    updated?: number;
    error?: string;
  }>();
  const shopify = useAppBridge();
  const [intentModal, setIntentModal] = useState(false);
  const rows = page.rows;
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);

  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) {
      shopify.toast.show(t("bulk.done", { count: fetcher.data.updated ?? 0 }));
      clearSelection();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  const bulk = (action: string, extra: Record<string, string> = {}) =>
    fetcher.submit({ action, ids: selectedResources.join(","), ...extra }, { method: "post" });

  const goToPage = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return;
    const next = new URLSearchParams(filterQuery);
    next.set(key, cursor);
    setSearchParams(next);
  };

  const filtered = [...searchParams.keys()].some((k) => k !== "after" && k !== "before" && k !== "status");
  const link = (id: string) => `/app/inbox/${id}${filterQuery ? `?${filterQuery}` : ""}`;

  return (
    <Page title={t("title")} subtitle={t("subtitle")} fullWidth>
      <BlockStack gap="400">
        {filterError ? (
          <Banner tone="critical" title={t("error.title")}>
            <p>{t("error.filter", { reason: filterError })}</p>
          </Banner>
        ) : null}
        {fetcher.data && !fetcher.data.ok ? (
          <Banner tone="critical">
            <p>{fetcher.data.error}</p>
          </Banner>
        ) : null}
        <Card padding="0">
          <InboxFilters filter={filter} counts={counts} options={options} />
          {rows.length === 0 ? (
            <EmptyState heading={t("empty.heading")} image="">
              <p>{filtered ? t("empty.filtered") : t("empty.body")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{
                singular: t("resource.singular"),
                plural: t("resource.plural"),
              }}
              itemCount={rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[
                { content: t("bulk.resolve"), onAction: () => bulk("resolve") },
                { content: t("bulk.spam"), onAction: () => bulk("spam") },
                {
                  content: t("bulk.intent"),
                  onAction: () => setIntentModal(true),
                },
              ]}
              headings={[
                { title: t("col.customer") },
                { title: t("col.message") },
                { title: t("col.intent") },
                { title: t("col.priority") },
                { title: t("col.status") },
                { title: t("col.channel") },
                { title: t("col.language") },
                { title: t("col.waiting") },
              ]}
            >
              {rows.map((row, index) => (
                <IndexTable.Row id={row.id} key={row.id} position={index} selected={selectedResources.includes(row.id)} onClick={() => navigate(link(row.id))}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {row.customerName || row.customerEmail || t("unknownCustomer")}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <div style={{ maxWidth: 420, whiteSpace: "normal" }}>
                      <a href={link(row.id)} data-primary-link onClick={(e) => e.preventDefault()} style={{ color: "inherit", textDecoration: "none" }}>
                        {row.subject ? (
                          <Text as="span" fontWeight="semibold">
                            {row.subject} —{" "}
                          </Text>
                        ) : null}
                        <Text as="span" tone="subdued">
                          {row.preview}
                        </Text>
                      </a>
                      {row.stage === "failed" ? (
                        <Text as="p" tone="critical">
                          {t("failed")}
                        </Text>
                      ) : null}
                    </div>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <IntentBadge intent={row.intent} confidence={row.confidence} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <PriorityBadge priority={row.priority} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <StatusBadge status={row.status} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <ChannelBadge channel={row.channel} source={row.source} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <LanguageBadge language={row.language} />
                  </IndexTable.Cell>
                  <IndexTable.Cell>{waitingText(t, row.receivedAt, now)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
          <div
            style={{
              display: "flex",
              justifyContent: "center",
              padding: "12px",
            }}
          >
            <Pagination
              hasPrevious={Boolean(page.previous)}
              hasNext={Boolean(page.next)}
              previousTooltip={t("page.previous")}
              nextTooltip={t("page.next")}
              accessibilityLabels={{
                previous: t("page.previous"),
                next: t("page.next"),
              }}
              onPrevious={() => goToPage("before", page.previous)}
              onNext={() => goToPage("after", page.next)}
            />
          </div>
        </Card>
      </BlockStack>
      <SetIntentModal
        open={intentModal}
        count={selectedResources.length}
        intents={options.intents}
        onClose={() => setIntentModal(false)}
        onSubmit={(label) => {
          setIntentModal(false);
          bulk("intent", { label });
        }}
      />
    </Page>
  );
}
