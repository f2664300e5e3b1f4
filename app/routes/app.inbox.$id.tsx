// A message (issue 6 item 2): the conversation, the customer and order card,
// the intent with its alternatives and a one-click correction, the entities
// marked in the text, and the suggested reply to edit and send.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Banner, BlockStack, Box, Button, ButtonGroup, Card, Divider, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "../shopify.server.ts";
import { filterToParams, getMessageDetail, InboxFilterSchema, parseInboxFilter } from "../models/inbox.server.ts";
import { correctIntent, IntentLabelSchema, markSpam, reopenMessage, ReplyBodySchema, resolveMessage, sendReply } from "../models/replies.server.ts";
import { TEMPLATE_INTENTS } from "../core/inbox/intents.ts";
import { shopTime } from "../core/time/shop-day.ts";
import { shopTimeZone } from "../models/shop-time-zone.server.ts";
import { inboxMessages } from "../i18n/messages/inbox.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import type { InboxKey } from "../components/inbox/badges.tsx";
import { ChannelBadge, IntentBadge, LanguageBadge, PriorityBadge, StatusBadge, useIntentName } from "../components/inbox/badges.tsx";
import { HighlightedText } from "../components/inbox/highlighted-text.tsx";
import type { Span } from "../components/inbox/highlighted-text.tsx";
import { OrderContextCard } from "../components/inbox/order-context-card.tsx";
import { ShortcutsHelp, useInboxShortcuts } from "../components/inbox/shortcuts.tsx";
import { SectionCard } from "../components/section-card.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = parseInboxFilter(new URL(request.url).searchParams);
  const filter = parsed.ok ? parsed.filter : InboxFilterSchema.parse({});
  const detail = await getMessageDetail({
    shop: session.shop,
    id: params.id ?? "",
    filter,
  });
  if (!detail) throw new Response("Message not found", { status: 404 });
  return {
    ...detail,
    filterQuery: filterToParams(filter).toString(),
    intents: [...TEMPLATE_INTENTS] as string[],
    timeZone: await shopTimeZone(session.shop),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("send"),
    body: ReplyBodySchema,
    resolve: z.enum(["true", "false"]).default("false"),
  }),
  z.object({ intent: z.literal("resolve") }),
  z.object({ intent: z.literal("reopen") }),
  z.object({ intent: z.literal("spam") }),
  z.object({ intent: z.literal("correct"), label: IntentLabelSchema }),
]);

export type MessageActionData =
  | {
      ok: true;
      done: "sent" | "exported" | "resolved" | "reopened" | "spam" | "corrected";
    }
  | { ok: false; done: "send-failed" | "invalid"; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const messageId = params.id ?? "";
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json(
      {
        ok: false,
        done: "invalid",
        error: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
      } satisfies MessageActionData,
      { status: 400 }
    );
  }
  const input = parsed.data;
  let data: MessageActionData;
  switch (input.intent) {
    case "send": {
      const { reply } = await sendReply({
        shop,
        messageId,
        body: input.body,
        author: "merchant",
        resolve: input.resolve === "true",
      });
      data =
        reply.status === "failed"
          ? {
              ok: false,
              done: "send-failed",
              error: reply.error ?? "unknown error",
            }
          : {
              ok: true,
              done: reply.status === "exported" ? "exported" : "sent",
            };
      break;
    }
    case "resolve":
      await resolveMessage({ shop, messageId });
      data = { ok: true, done: "resolved" };
      break;
    case "reopen":
      await reopenMessage({ shop, messageId });
      data = { ok: true, done: "reopened" };
      break;
    case "spam":
      await markSpam({ shop, messageId });
      data = { ok: true, done: "spam" };
      break;
    case "correct":
      await correctIntent({ shop, messageId, label: input.label });
      data = { ok: true, done: "corrected" };
      break;
  }
  return Response.json(data);
}

const toastKey: Record<string, InboxKey> = {
  sent: "message.sent",
  exported: "message.exported",
  resolved: "message.resolved",
  reopened: "message.reopened",
  spam: "message.markedSpam",
  corrected: "message.corrected",
};

export default function MessagePage() {
  const { message, alternatives, entities, orderContext, thread, neighbours, filterQuery, intents, timeZone } = useLoaderData<typeof loader>();
  // Times on the shop's clock; "UTC" said only while the shop's zone is unknown.
  const at = (value: string | Date) => `${shopTime(value, timeZone)}${timeZone === "UTC" ? " UTC" : ""}`;
  const t = useTranslation(inboxMessages);
  const intentName = useIntentName();
  const navigate = useNavigate();
  const shopify = useAppBridge();
  const fetcher = useFetcher<MessageActionData>();
  // Once answered (sent or auto-sent), the suggestion has gone out: the editor starts empty for a follow-up.
  const answered = message.status === "sent" || message.status === "auto_sent";
  const startText = answered ? "" : (message.suggestedReply ?? "");
  const [reply, setReply] = useState(startText);
  const choices = intents.filter((i) => i !== message.intent);
  const firstChoice = alternatives.find((a) => choices.includes(a.label))?.label ?? choices[0];
  const [correction, setCorrection] = useState(firstChoice);
  // A new message, or a new suggestion after a correction: start from it
  // (state adjusted while rendering, as React's docs recommend over an effect).
  const shown = `${message.id}:${message.intent}:${message.status}:${message.suggestedReply}`;
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown !== shown) {
    setLastShown(shown);
    setReply(startText);
    setCorrection(firstChoice);
  }
  const replyRef = useRef<HTMLDivElement>(null);
  const busy = fetcher.state !== "idle";
  const query = filterQuery ? `?${filterQuery}` : "";

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) shopify.toast.show(t(toastKey[fetcher.data.done]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);

  const submit = (data: Record<string, string>) => fetcher.submit(data, { method: "post" });
  const send = (resolve: boolean) => reply.trim() && submit({ intent: "send", body: reply, resolve: String(resolve) });
  const open = message.status === "new" || message.status === "suggested";
  const go = (id: string | null) => id && navigate(`/app/inbox/${id}${query}`);

  const focusReply = () => replyRef.current?.querySelector("textarea")?.focus();
  useInboxShortcuts({
    next: () => go(neighbours.next),
    previous: () => go(neighbours.previous),
    edit: focusReply,
    send: () => send(false),
    resolve: () => submit({ intent: "resolve" }),
  });

  const offset = message.subject ? message.subject.length + 1 : 0;
  const spans: Span[] = entities.flatMap((e) =>
    (e.mentions.length > 0 ? e.mentions : [{ start: e.start, end: e.end }]).map((m) => ({
      start: m.start,
      end: m.end,
      type: e.type,
      label: t(`message.entity.${e.type}` as InboxKey),
    }))
  );
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;

  return (
    <Page
      backAction={{ content: t("message.back"), url: `/app/inbox${query}` }}
      title={message.subject || message.customerName || message.customerEmail || t("unknownCustomer")}
      titleMetadata={
        <InlineStack gap="100">
          <StatusBadge status={message.status} />
          <PriorityBadge priority={message.priority} />
        </InlineStack>
      }
      subtitle={`${t("message.received", { date: at(message.receivedAt) })}`}
      pagination={{
        hasPrevious: Boolean(neighbours.previous),
        hasNext: Boolean(neighbours.next),
        onPrevious: () => go(neighbours.previous),
        onNext: () => go(neighbours.next),
        accessibilityLabels: {
          previous: t("message.previous"),
          next: t("message.next"),
        },
      }}
      secondaryActions={<ShortcutsHelp />}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {failed ? (
              <Banner tone="critical" title={failed.done === "send-failed" ? t("message.sendFailed") : undefined}>
                <p>{failed.error}</p>
                {failed.done === "send-failed" ? <p>{t("message.sendFailedHelp")}</p> : null}
              </Banner>
            ) : null}
            {message.stage === "failed" && message.failureReason ? (
              <Banner tone="warning">
                <p>{t("message.failure", { reason: message.failureReason })}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("message.thread")}
                  </Text>
                  <InlineStack gap="100">
                    <ChannelBadge channel={message.channel} source={message.source} />
                    <LanguageBadge language={message.language} />
                  </InlineStack>
                </InlineStack>
                {thread.map((item, index) => {
                  const current = item.kind === "message" && item.id === message.id;
                  return (
                    <BlockStack gap="100" key={`${item.kind}-${item.id}`}>
                      {index > 0 ? <Divider /> : null}
                      <Box
                        padding="200"
                        borderRadius="200"
                        background={item.kind === "reply" ? "bg-surface-secondary" : current ? "bg-surface-selected" : undefined}
                      >
                        <BlockStack gap="100">
                          <InlineStack gap="200" blockAlign="center">
                            <Text as="span" fontWeight="semibold">
                              {item.kind === "reply"
                                ? item.author === "auto"
                                  ? t("message.replyAuto")
                                  : t("message.reply")
                                : item.author || t("message.customer")}
                            </Text>
                            <Text as="span" tone="subdued">
                              {at(item.at)}
                            </Text>
                            {item.kind === "reply" && item.status === "failed" ? (
                              <Text as="span" tone="critical">
                                {t("message.replyFailed", {
                                  error: item.error ?? "",
                                })}
                              </Text>
                            ) : null}
                            {item.kind === "reply" && item.status === "exported" ? (
                              <Text as="span" tone="subdued">
                                {t("message.replyExported")}
                              </Text>
                            ) : null}
                          </InlineStack>
                          {current && message.subject ? (
                            <Text as="p" fontWeight="semibold">
                              <HighlightedText text={message.subject} spans={spans} offset={0} />
                            </Text>
                          ) : null}
                          <Text as="p">
                            {current ? (
                              <HighlightedText text={message.body} spans={spans} offset={offset} />
                            ) : (
                              <span style={{ whiteSpace: "pre-wrap" }}>{item.body}</span>
                            )}
                          </Text>
                        </BlockStack>
                      </Box>
                    </BlockStack>
                  );
                })}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <div ref={replyRef}>
                  <TextField
                    label={t("message.suggestion")}
                    helpText={answered ? t("message.followUpHelp") : message.suggestedReply ? t("message.suggestionHelp") : t("message.noSuggestion")}
                    value={reply}
                    onChange={setReply}
                    multiline={8}
                    autoComplete="off"
                    disabled={busy}
                  />
                </div>
                {message.decisionReason && open ? (
                  <Text as="p" tone="subdued">
                    {t("message.decision")}: {message.decisionReason}
                  </Text>
                ) : null}
                <InlineStack align="end" gap="200">
                  <ButtonGroup>
                    {open ? (
                      <Button onClick={() => submit({ intent: "spam" })} disabled={busy} tone="critical" variant="plain">
                        {t("message.spam")}
                      </Button>
                    ) : null}
                    {open ? (
                      <Button onClick={() => submit({ intent: "resolve" })} disabled={busy}>
                        {t("message.resolve")}
                      </Button>
                    ) : (
                      <Button onClick={() => submit({ intent: "reopen" })} disabled={busy}>
                        {t("message.reopen")}
                      </Button>
                    )}
                    <Button onClick={() => send(true)} disabled={busy || !reply.trim()}>
                      {t("message.sendResolve")}
                    </Button>
                    <Button variant="primary" onClick={() => send(false)} loading={busy} disabled={!reply.trim()}>
                      {t("message.send")}
                    </Button>
                  </ButtonGroup>
                </InlineStack>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <SectionCard title={t("message.classification")}>
              <InlineStack gap="200" blockAlign="center">
                <IntentBadge intent={message.intent} />
                {message.confidence != null ? (
                  <Text as="span">
                    {t("message.confidence", {
                      value: `${Math.round(message.confidence * 100)}%`,
                    })}
                  </Text>
                ) : null}
              </InlineStack>
              {alternatives.length > 0 ? (
                <BlockStack gap="100">
                  <Text as="p" tone="subdued">
                    {t("message.alternatives")}
                  </Text>
                  {alternatives.slice(0, 3).map((alt) => (
                    <InlineStack key={alt.label} align="space-between">
                      <Text as="span">{intentName(alt.label)}</Text>
                      <Text as="span" tone="subdued">
                        {Math.round(alt.confidence * 100)}%
                      </Text>
                    </InlineStack>
                  ))}
                </BlockStack>
              ) : null}
              <Divider />
              <Text as="h3" variant="headingSm">
                {t("message.wrongIntent")}
              </Text>
              <InlineStack gap="200" blockAlign="end" wrap={false}>
                <div style={{ flex: 1 }}>
                  <Select
                    label={t("message.correctTo")}
                    options={choices.map((i) => ({
                      label: intentName(i),
                      value: i,
                    }))}
                    value={correction}
                    onChange={setCorrection}
                  />
                </div>
                <Button onClick={() => submit({ intent: "correct", label: correction })} disabled={busy}>
                  {t("message.correct")}
                </Button>
              </InlineStack>
            </SectionCard>
            <OrderContextCard context={orderContext} customerName={message.customerName} customerEmail={message.customerEmail} />
            {entities.length > 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("message.entities")}
                  </Text>
                  {entities.map((e) => (
                    <InlineStack key={`${e.type}-${e.value}`} align="space-between">
                      <Text as="span" tone="subdued">
                        {t(`message.entity.${e.type}` as InboxKey)}
                      </Text>
                      <Text as="span">{e.raw}</Text>
                    </InlineStack>
                  ))}
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
