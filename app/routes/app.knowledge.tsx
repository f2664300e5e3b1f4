// The knowledge base (issue 6 item 3): the templates per intent × language,
// an editor with variable insertion and a live preview, on/off, reset, and a
// "Try a message" box.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Banner, BlockStack, Layout, List, Page } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { authenticate } from "../shopify.server.ts";
import { listTemplates, resetTemplate, setTemplateEnabled, upsertTemplate } from "../models/templates.server.ts";
import { getShopSettings } from "../models/settings.server.ts";
import { TryMessageSchema, tryMessage } from "../models/knowledge.server.ts";
import type { AdminGraphql } from "../models/order-context.server.ts";
import type { InboxLanguage, TemplateIntent } from "../core/inbox/intents.ts";
import { INBOX_LANGUAGES, TEMPLATE_INTENTS, isInboxLanguage, isTemplateIntent } from "../core/inbox/intents.ts";
import { knowledgeMessages } from "../i18n/messages/knowledge.ts";
import { useTranslation } from "../i18n/use-translation.ts";
import { useIntentName, useLanguageName } from "../components/inbox/badges.tsx";
import { TemplateGrid } from "../components/knowledge/template-grid.tsx";
import { TemplateEditor } from "../components/knowledge/template-editor.tsx";
import { TemplatePreview } from "../components/knowledge/template-preview.tsx";
import { TryMessage } from "../components/knowledge/try-message.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const params = new URL(request.url).searchParams;
  const [templates, settings] = await Promise.all([listTemplates({ shop }), getShopSettings({ shop })]);
  const intentParam = params.get("intent") ?? "";
  const languageParam = params.get("language") ?? "";
  const intent: TemplateIntent = isTemplateIntent(intentParam) ? intentParam : "order_status";
  const language: InboxLanguage = isInboxLanguage(languageParam) ? languageParam : settings.defaultLanguage;
  return {
    shop,
    shopName: settings.fromName?.trim() || shop.replace(/\.myshopify\.com$/, ""),
    templates: templates.map(({ id, intent, language, subject, body, enabled, updatedAt }) => ({
      id,
      intent,
      language,
      subject,
      body,
      enabled,
      updatedAt,
    })),
    selected: { intent, language },
    intents: [...TEMPLATE_INTENTS] as string[],
    languages: [...INBOX_LANGUAGES] as string[],
  };
}

const Key = {
  intent: z.enum(TEMPLATE_INTENTS as [TemplateIntent, ...TemplateIntent[]]),
  language: z.enum(INBOX_LANGUAGES),
};
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    template: Key.intent,
    language: Key.language,
    subject: z.string().max(500).default(""),
    body: z.string().max(20_000),
  }),
  z.object({
    intent: z.literal("toggle"),
    template: Key.intent,
    language: Key.language,
    enabled: z.enum(["true", "false"]),
  }),
  z.object({
    intent: z.literal("reset"),
    template: Key.intent,
    language: Key.language,
  }),
  z.object({
    intent: z.literal("try"),
    text: TryMessageSchema.shape.text,
    email: TryMessageSchema.shape.email,
  }),
]);

export type KnowledgeActionData =
  | { ok: true; done: "saved" | "reset" | "toggled" }
  | { ok: true; done: "try"; result: Awaited<ReturnType<typeof tryMessage>> }
  | { ok: false; error: string; problems?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json(
      {
        ok: false,
        error: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "),
      } satisfies KnowledgeActionData,
      {
        status: 400,
      }
    );
  }
  const input = parsed.data;
  switch (input.intent) {
    case "save": {
      const saved = await upsertTemplate({
        shop,
        input: {
          intent: input.template,
          language: input.language,
          subject: input.subject.trim() || null,
          body: input.body,
        },
      });
      if (!saved.ok) {
        return Response.json(
          {
            ok: false,
            error: "invalid template",
            problems: saved.problems.map((p) => p.message),
          } satisfies KnowledgeActionData,
          { status: 400 }
        );
      }
      return Response.json({
        ok: true,
        done: "saved",
      } satisfies KnowledgeActionData);
    }
    case "toggle":
      await setTemplateEnabled({
        shop,
        intent: input.template,
        language: input.language,
        enabled: input.enabled === "true",
      });
      return Response.json({
        ok: true,
        done: "toggled",
      } satisfies KnowledgeActionData);
    case "reset":
      await resetTemplate({
        shop,
        intent: input.template,
        language: input.language,
      });
      return Response.json({
        ok: true,
        done: "reset",
      } satisfies KnowledgeActionData);
    case "try": {
      const result = await tryMessage({
        shop,
        input: { text: input.text, email: input.email },
        graphql: admin.graphql as unknown as AdminGraphql,
      });
      return Response.json({
        ok: true,
        done: "try",
        result,
      } satisfies KnowledgeActionData);
    }
  }
}

export default function KnowledgeBase() {
  const { shop, shopName, templates, selected, intents, languages } = useLoaderData<typeof loader>();
  const t = useTranslation(knowledgeMessages);
  const intentName = useIntentName();
  const languageName = useLanguageName();
  const [, setSearchParams] = useSearchParams();
  const template = templates.find((tpl) => tpl.intent === selected.intent && tpl.language === selected.language);
  // The fetcher lives here, not in the editor: a save or a reset changes the
  // editor's key (it starts again from the stored text); turning the template
  // on or off keeps unsaved edits.
  const shopify = useAppBridge();
  const fetcher = useFetcher<KnowledgeActionData>();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data?.ok || fetcher.data.done === "try") return;
    const key = fetcher.data.done === "saved" ? "editor.saved" : fetcher.data.done === "reset" ? "editor.resetDone" : "editor.toggled";
    shopify.toast.show(t(key));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;

  return (
    <Page title={t("title")} subtitle={t("subtitle")} fullWidth>
      <Layout>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <TemplateGrid
              intents={intents}
              languages={languages}
              templates={templates}
              selected={selected}
              onSelect={(intent, language) => setSearchParams({ intent, language }, { preventScrollReset: true })}
            />
            <TryMessage />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            {failed ? (
              <Banner tone="critical" title={t("editor.problems")}>
                {failed.problems ? (
                  <List>
                    {failed.problems.map((p) => (
                      <List.Item key={p}>{p}</List.Item>
                    ))}
                  </List>
                ) : (
                  <p>{failed.error}</p>
                )}
              </Banner>
            ) : null}
            <EditorPanel
              key={`${selected.intent}:${selected.language}:${template?.subject ?? ""}\u0000${template?.body ?? ""}`}
              shop={shop}
              shopName={shopName}
              intent={selected.intent}
              language={selected.language}
              title={t("editor.title", { intent: intentName(selected.intent), language: languageName(selected.language) })}
              initial={{ subject: template?.subject ?? "", body: template?.body ?? "", enabled: template?.enabled ?? true }}
              busy={fetcher.state !== "idle"}
              submit={(data) => fetcher.submit({ template: selected.intent, language: selected.language, ...data }, { method: "post" })}
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function EditorPanel({
  shop,
  shopName,
  intent,
  language,
  title,
  initial,
  busy,
  submit,
}: {
  shop: string;
  shopName: string;
  intent: string;
  language: InboxLanguage;
  title: string;
  initial: { subject: string; body: string; enabled: boolean };
  busy: boolean;
  submit: (data: Record<string, string>) => void;
}) {
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body);
  return (
    <BlockStack gap="400">
      <TemplateEditor
        title={title}
        subject={subject}
        body={body}
        enabled={initial.enabled}
        busy={busy}
        onSubject={setSubject}
        onBody={setBody}
        onSave={() => submit({ intent: "save", subject, body })}
        onReset={() => submit({ intent: "reset" })}
        onToggle={(enabled) => submit({ intent: "toggle", enabled: String(enabled) })}
      />
      <TemplatePreview body={body} language={language} intent={intent} shop={shop} shopName={shopName} />
    </BlockStack>
  );
}
