// The inbox's status tabs, filters and search, kept in the URL's query string.
import { useState } from "react";
import { useSearchParams } from "@remix-run/react";
import { Box, Button, InlineStack, Select, Tabs, TextField } from "@shopify/polaris";
import { inboxMessages } from "../../i18n/messages/inbox.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import type { InboxKey } from "./badges.tsx";
import { useIntentName, useLanguageName } from "./badges.tsx";

const VIEWS = ["open", "all", "new", "suggested", "auto_sent", "sent", "resolved", "spam"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const CHANNELS = ["contact_form", "email", "import", "api"] as const;

type Filter = {
  status: string;
  intent?: string;
  priority?: string;
  channel?: string;
  language?: string;
  from?: string;
  to?: string;
  q?: string;
};

export function InboxFilters({
  filter,
  counts,
  options,
}: {
  filter: Filter;
  counts: Record<string, number>;
  options: { intents: string[]; languages: string[] };
}) {
  const t = useTranslation(inboxMessages);
  const intentName = useIntentName();
  const languageName = useLanguageName();
  const [, setSearchParams] = useSearchParams();
  const [q, setQ] = useState(filter.q ?? "");

  // Any change starts again from the first page.
  const update = (changes: Partial<Filter>) => {
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      next.delete("after");
      next.delete("before");
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  };

  const any = { label: t("filter.any"), value: "" };
  const tabLabel = (view: (typeof VIEWS)[number]) =>
    `${t((view === "open" || view === "all" ? `tab.${view}` : `status.${view}`) as InboxKey)} (${counts[view] ?? 0})`;
  const selected = Math.max(0, VIEWS.indexOf(filter.status as (typeof VIEWS)[number]));

  return (
    <Box padding="300" borderBlockEndWidth="025" borderColor="border">
      <Tabs
        tabs={VIEWS.map((view) => ({
          id: `inbox-tab-${view}`,
          content: tabLabel(view),
          accessibilityLabel: tabLabel(view),
          panelID: "inbox-panel",
        }))}
        selected={selected}
        onSelect={(index) => update({ status: VIEWS[index] === "open" ? undefined : VIEWS[index] })}
      />
      <Box paddingBlockStart="300">
        <form
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            update({ q: q.trim() || undefined });
          }}
        >
          <InlineStack gap="300" blockAlign="end" wrap>
            <div style={{ minWidth: 260, flex: "1 1 260px" }}>
              <TextField
                label={t("filter.search")}
                labelHidden
                placeholder={t("filter.search")}
                value={q}
                onChange={setQ}
                autoComplete="off"
                clearButton
                onClearButtonClick={() => {
                  setQ("");
                  update({ q: undefined });
                }}
              />
            </div>
            <Select
              label={t("filter.intent")}
              options={[
                any,
                ...options.intents.map((i) => ({
                  label: intentName(i),
                  value: i,
                })),
              ]}
              value={filter.intent ?? ""}
              onChange={(v) => update({ intent: v })}
            />
            <Select
              label={t("filter.priority")}
              options={[
                any,
                ...PRIORITIES.map((p) => ({
                  label: t(`priority.${p}`),
                  value: p,
                })),
              ]}
              value={filter.priority ?? ""}
              onChange={(v) => update({ priority: v })}
            />
            <Select
              label={t("filter.channel")}
              options={[
                any,
                ...CHANNELS.map((c) => ({
                  label: t(`channel.${c}`),
                  value: c,
                })),
              ]}
              value={filter.channel ?? ""}
              onChange={(v) => update({ channel: v })}
            />
            <Select
              label={t("filter.language")}
              options={[
                any,
                ...options.languages.map((l) => ({
                  label: languageName(l),
                  value: l,
                })),
              ]}
              value={filter.language ?? ""}
              onChange={(v) => update({ language: v })}
            />
            <TextField label={t("filter.from")} type="date" value={filter.from ?? ""} onChange={(v) => update({ from: v })} autoComplete="off" />
            <TextField label={t("filter.to")} type="date" value={filter.to ?? ""} onChange={(v) => update({ to: v })} autoComplete="off" />
            <Button submit>{t("filter.apply")}</Button>
            <Button
              variant="plain"
              onClick={() => {
                setQ("");
                setSearchParams(filter.status === "open" ? {} : { status: filter.status });
              }}
            >
              {t("filter.clear")}
            </Button>
          </InlineStack>
        </form>
      </Box>
    </Box>
  );
}
