// Badges for a message's priority, status, intent, channel and language.
import { Badge } from "@shopify/polaris";
import type { BadgeProps } from "@shopify/polaris";
import type { Translate } from "../../i18n/i18n.ts";
import { inboxMessages, intentMessages, languageNames } from "../../i18n/messages/inbox.ts";
import { useTranslation } from "../../i18n/use-translation.ts";

export type InboxKey = keyof (typeof inboxMessages)["en"] & string;

const priorityTone: Record<string, BadgeProps["tone"]> = {
  urgent: "critical",
  high: "warning",
  normal: undefined,
  low: "info",
};
const priorityProgress: Record<string, BadgeProps["progress"]> = {
  urgent: "complete",
  high: "partiallyComplete",
  normal: "incomplete",
  low: "incomplete",
};
const statusTone: Record<string, BadgeProps["tone"]> = {
  new: "attention",
  suggested: "info",
  auto_sent: "success",
  sent: "success",
  resolved: undefined,
  spam: "critical",
};

export function useIntentName() {
  const t = useTranslation(intentMessages);
  return (label: string | null | undefined) => (label ? t(label as keyof (typeof intentMessages)["en"]) : "—");
}

export function useLanguageName() {
  const t = useTranslation(languageNames);
  return (code: string | null | undefined) => (code ? t(code as keyof (typeof languageNames)["en"]) : "—");
}

export function PriorityBadge({ priority }: { priority: string }) {
  const t = useTranslation(inboxMessages);
  return (
    <Badge tone={priorityTone[priority]} progress={priorityProgress[priority]}>
      {t(`priority.${priority}` as InboxKey)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const t = useTranslation(inboxMessages);
  return <Badge tone={statusTone[status]}>{t(`status.${status}` as InboxKey)}</Badge>;
}

export function IntentBadge({ intent, confidence }: { intent: string | null; confidence?: number | null }) {
  const name = useIntentName();
  if (!intent) return <Badge>—</Badge>;
  const tone: BadgeProps["tone"] = intent === "unknown" ? "attention" : intent === "spam" ? "critical" : "info";
  return <Badge tone={tone}>{confidence == null ? name(intent) : `${name(intent)} · ${Math.round(confidence * 100)}%`}</Badge>;
}

export function ChannelBadge({ channel, source }: { channel: string; source?: string | null }) {
  const t = useTranslation(inboxMessages);
  const label = t(`channel.${channel}` as InboxKey);
  return <Badge>{source ? `${label} · ${source}` : label}</Badge>;
}

export function LanguageBadge({ language }: { language: string | null }) {
  const name = useLanguageName();
  return <Badge>{name(language)}</Badge>;
}

/** "12 min", "3 h", "2 d" between two instants. */
export function waitingText(t: Translate<InboxKey>, from: Date | string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(from).getTime()) / 60_000));
  if (minutes < 60) return t("waiting.m", { n: minutes });
  if (minutes < 48 * 60) return t("waiting.h", { n: Math.floor(minutes / 60) });
  return t("waiting.d", { n: Math.floor(minutes / 1_440) });
}
