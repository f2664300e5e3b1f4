// Settings (issue 6, item 4): reply mode, per-intent thresholds with the
// precision measured at each, sensitive intents, channels (contact-form texts,
// inbound email, ingest API keys), SMTP with a connection test, channel
// compliance rules, languages and automatic retraining. Each card is its own
// form (a fetcher), validated on the server with zod; errors come back per field.
import { Fragment, useRef, useState } from "react";
import type { ReactNode } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, FormLayout, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../../shopify.server.ts";
import { handleSettingsAction, loadSettingsPage } from "./settings-page.server.ts";
import type { SettingsActionData } from "./settings-page.server.ts";
import { COMPLIANCE_CHANNELS } from "./forms.ts";
import { shopTime } from "../../core/time/shop-day.ts";
import { INBOX_LANGUAGES } from "../../core/inbox/intents.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { settingsMessages } from "../../i18n/messages/settings.ts";
import { intentMessages, languageNames } from "../../i18n/messages/inbox.ts";
import { CheckboxInput, SelectInput, TextInput } from "../../components/settings/fields.tsx";
import type { FieldErrors } from "../../components/settings/fields.tsx";
import { ThresholdRow } from "../../components/settings/threshold-row.tsx";
import { ContextualSaveBar } from "../../components/save-bar.tsx";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  return loadSettingsPage({ shop: session.shop });
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const outcome = await handleSettingsAction({ shop: session.shop, formData: await request.formData() });
  return data(outcome.data, { status: outcome.status });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function SettingsForm({
  form,
  title,
  help,
  children,
  submit,
  titleShown = true,
}: {
  form: string;
  title: string;
  help?: string;
  children: (errors: FieldErrors) => ReactNode;
  submit?: string;
  /** False when the annotated section beside the card already shows the title. */
  titleShown?: boolean;
}) {
  const t = useTranslation(settingsMessages);
  const fetcher = useFetcher<SettingsActionData>({ key: `settings-${form}` });
  const result = fetcher.data?.form === form ? fetcher.data : undefined;
  const errors = result?.result?.error ?? undefined;
  // App Bridge's save bar while a setting was changed and not saved (not for a
  // form that creates something, which has its own `submit` label): Save submits
  // this form, Discard mounts the fields again from the loaded settings.
  const formRef = useRef<HTMLFormElement>(null);
  const [dirty, setDirty] = useState(false);
  const [version, setVersion] = useState(0);
  const tracksChanges = submit === undefined;
  return (
    <Card>
      <ContextualSaveBar
        id={`settings-${form}-save-bar`}
        open={tracksChanges && dirty && fetcher.state === "idle"}
        onSave={() => formRef.current?.requestSubmit()}
        onDiscard={() => {
          setVersion((v) => v + 1);
          setDirty(false);
        }}
        saveLabel={t("save")}
        discardLabel={t("discard")}
      />
      <fetcher.Form method="post" aria-label={title} ref={formRef} onChangeCapture={() => setDirty(tracksChanges)} onSubmit={() => setDirty(false)}>
        <input type="hidden" name="_action" value={form} />
        <BlockStack gap="400">
          <BlockStack gap="100">
            {titleShown && (
              <Text as="h2" variant="headingMd">
                {title}
              </Text>
            )}
            {help && (
              <Text as="p" tone="subdued">
                {help}
              </Text>
            )}
          </BlockStack>
          {result && !result.ok && <Banner tone="critical" title={result.message ?? t("fixErrors")} />}
          {result?.ok && fetcher.state === "idle" && <Banner tone="success" title={t("saved")} />}
          <Fragment key={version}>{children(errors)}</Fragment>
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              {submit ?? t("save")}
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function ActionButton({ form, label, hidden, tone }: { form: string; label: string; hidden?: Record<string, string>; tone?: "critical" }) {
  const fetcher = useFetcher<SettingsActionData>({ key: `settings-${form}${hidden?.id ?? ""}` });
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="_action" value={form} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit tone={tone} variant={tone ? "plain" : undefined} loading={fetcher.state !== "idle"}>
        {label}
      </Button>
    </fetcher.Form>
  );
}

function useButtonResult(form: string) {
  return useFetcher<SettingsActionData>({ key: `settings-${form}` }).data;
}

export default function SettingsPage() {
  const page = useLoaderData<typeof loader>();
  const t = useTranslation(settingsMessages);
  const tIntent = useTranslation(intentMessages);
  const tLanguage = useTranslation(languageNames);
  const { settings } = page;
  return (
    <Page title={t("title")} backAction={{ url: "/app" }} secondaryActions={[{ content: t("learningLink"), url: "/app/learning" }]}>
      <Layout>
        <Layout.AnnotatedSection title={t("generalTitle")} description={t("generalHelp")}>
          <SettingsForm form="general" title={t("generalTitle")} titleShown={false}>
            {(errors) => (
              <FormLayout>
                <SelectInput
                  name="mode"
                  label={t("mode")}
                  initial={settings.mode}
                  errors={errors}
                  options={[
                    { label: t("modeSuggest"), value: "suggest" },
                    { label: t("modeAuto"), value: "auto_send" },
                  ]}
                />
                <BlockStack gap="100">
                  <Text as="p">{t("languages")}</Text>
                  <InlineStack gap="400">
                    {INBOX_LANGUAGES.map((language) => (
                      <CheckboxInput key={language} name="languages" value={language} label={tLanguage(language)} initial={settings.languages.includes(language)} />
                    ))}
                  </InlineStack>
                  {errors?.languages && <Banner tone="critical" title={`${t("languages")}: ${errors.languages.join(", ")}`} />}
                </BlockStack>
                <SelectInput
                  name="defaultLanguage"
                  label={t("defaultLanguage")}
                  initial={settings.defaultLanguage}
                  errors={errors}
                  options={INBOX_LANGUAGES.map((l) => ({ label: tLanguage(l), value: l }))}
                />
                <TextInput name="autoRetrainAfter" label={t("autoRetrain")} type="number" initial={settings.autoRetrainAfter?.toString() ?? ""} errors={errors} helpText={t("autoRetrainHelp")} />
              </FormLayout>
            )}
          </SettingsForm>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("intentsTitle")} description={t("sensitiveHelp")}>
          <SettingsForm
            form="intents"
            title={t("intentsTitle")}
            titleShown={false}
            help={t("intentsHelp", { corpus: page.evidence.corpusExamples.toLocaleString(), corrections: page.evidence.corrections.toLocaleString() })}
          >
            {(errors) => (
              <Box overflowX="scroll">
                <table style={{ width: "100%", borderCollapse: "collapse" }}>
                  <thead>
                    <tr>
                      {[t("intent"), t("threshold"), t("precision"), t("autoSend"), t("sensitive")].map((h) => (
                        <th key={h} scope="col" style={{ textAlign: "start", padding: "6px 8px" }}>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {h}
                          </Text>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {page.intents.map((intent) => (
                      <ThresholdRow
                        key={intent}
                        intent={intent}
                        label={tIntent(intent)}
                        initialThreshold={settings.thresholds[intent] ?? page.defaultThreshold}
                        initialAutoSend={settings.autoSendIntents.includes(intent)}
                        initialSensitive={settings.sensitiveIntents.includes(intent)}
                        evidence={page.evidence.byIntent[intent] ?? []}
                        errors={errors}
                        text={{
                          threshold: t("threshold"),
                          precision: t("precision"),
                          covers: (count) => t("covers", { count: count.toLocaleString() }),
                          noEvidence: t("noEvidence"),
                          autoSend: t("autoSend"),
                          sensitive: t("sensitive"),
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </Box>
            )}
          </SettingsForm>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("channelsTitle")}>
          <BlockStack gap="400">
            <SettingsForm form="contactForm" title={t("contactFormTitle")} help={t("contactFormHelp")}>
              {(errors) => (
                <BlockStack gap="400">
                  {INBOX_LANGUAGES.map((language) => {
                    const texts = settings.contactFormTexts[language] ?? {};
                    return (
                      <FormLayout key={language}>
                        <Text as="h3" variant="headingSm">
                          {tLanguage(language)}
                        </Text>
                        <FormLayout.Group>
                          <TextInput name={`texts.${language}.title`} label={t("formTitle")} initial={texts.title ?? ""} errors={errors} />
                          <TextInput name={`texts.${language}.success`} label={t("formSuccess")} initial={texts.success ?? ""} errors={errors} />
                        </FormLayout.Group>
                        <TextInput name={`texts.${language}.intro`} label={t("formIntro")} initial={texts.intro ?? ""} errors={errors} multiline={2} />
                      </FormLayout>
                    );
                  })}
                </BlockStack>
              )}
            </SettingsForm>
            <InboundCard page={page} />
            <ApiKeysCard page={page} />
          </BlockStack>
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("smtpTitle")} description={t("smtpHelp")}>
          <SmtpCard page={page} />
        </Layout.AnnotatedSection>

        <Layout.AnnotatedSection title={t("complianceTitle")} description={t("complianceHelp")}>
          <SettingsForm form="compliance" title={t("complianceTitle")} titleShown={false}>
            {(errors) => (
              <BlockStack gap="300">
                {COMPLIANCE_CHANNELS.map((channel) => {
                  const rule = settings.complianceRules[channel === "all" ? "*" : channel] ?? {};
                  const links = rule.noExternalLinks === undefined ? "default" : rule.noExternalLinks ? "block" : "allow";
                  return (
                    <InlineGrid key={channel} columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="300">
                      <SelectInput
                        name={`rules.${channel}.links`}
                        label={`${t(`channel_${channel}`)} — ${t("links")}`}
                        initial={links}
                        errors={errors}
                        options={[
                          { label: t("linksDefault"), value: "default" },
                          { label: t("linksAllow"), value: "allow" },
                          { label: t("linksBlock"), value: "block" },
                        ]}
                      />
                      <TextInput name={`rules.${channel}.bannedWords`} label={t("bannedWords")} initial={(rule.bannedWords ?? []).join(", ")} errors={errors} />
                    </InlineGrid>
                  );
                })}
              </BlockStack>
            )}
          </SettingsForm>
        </Layout.AnnotatedSection>
      </Layout>
      <Box paddingBlockEnd="800" />
    </Page>
  );
}

function InboundCard({ page }: { page: PageData }) {
  const t = useTranslation(settingsMessages);
  const rotated = useButtonResult("rotateSecret");
  return (
    <SettingsForm form="inbound" title={t("inboundTitle")} help={t("inboundHelp")}>
      {(errors) => (
        <FormLayout>
          <TextInput name="inboundAddress" label={t("inboundAddress")} type="email" initial={page.settings.inboundAddress ?? ""} errors={errors} />
          <BlockStack gap="100">
            <Text as="p" fontWeight="semibold">
              {t("webhookUrl")}
            </Text>
            <Text as="p" breakWord>
              <code>{page.inbound.webhookUrl}</code>
            </Text>
          </BlockStack>
          <BlockStack gap="200">
            <Text as="p" fontWeight="semibold">
              {t("secret")}
            </Text>
            {rotated?.secret ? (
              <Banner tone="warning" title={t("secretOnce")}>
                <code data-testid="inbound-secret">{rotated.secret}</code>
              </Banner>
            ) : (
              <Text as="p" tone="subdued">
                {page.settings.inboundSecretSet ? t("secretSet") : t("secretNotSet")}
              </Text>
            )}
          </BlockStack>
        </FormLayout>
      )}
    </SettingsForm>
  );
}

function RotateSecretButton() {
  const t = useTranslation(settingsMessages);
  return <ActionButton form="rotateSecret" label={t("rotateSecret")} />;
}

function ApiKeysCard({ page }: { page: PageData }) {
  const t = useTranslation(settingsMessages);
  const created = useButtonResult("createApiKey");
  const date = (iso: string | null) => (iso ? shopTime(iso, page.timeZone) : t("never"));
  return (
    <BlockStack gap="400">
      <Card>
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p">{t("secret")}</Text>
          <RotateSecretButton />
        </InlineStack>
      </Card>
      <SettingsForm form="createApiKey" title={t("apiKeysTitle")} help={t("apiKeysHelp")} submit={t("createKey")}>
        {(errors) => (
          <BlockStack gap="300">
            {created?.ok && created.secret && (
              <Banner tone="warning" title={t("keyOnce")}>
                <code data-testid="new-api-key">{created.secret}</code>
              </Banner>
            )}
            <TextInput name="name" label={t("keyName")} initial="" errors={errors} placeholder="Amazon sync" />
            {page.apiKeys.length === 0 ? (
              <Text as="p" tone="subdued">
                {t("noKeys")}
              </Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "text"]}
                headings={[t("keyName"), t("keyPrefix"), t("keyCreated"), t("keyLastUsed"), ""]}
                rows={page.apiKeys.map((key) => [
                  key.name,
                  <code key="p">{key.prefix}…</code>,
                  date(key.createdAt),
                  date(key.lastUsedAt),
                  key.revokedAt ? <Badge key="r">{t("revoked")}</Badge> : <ActionButton key="r" form="revokeApiKey" label={t("revoke")} tone="critical" hidden={{ id: key.id }} />,
                ])}
              />
            )}
          </BlockStack>
        )}
      </SettingsForm>
    </BlockStack>
  );
}

function SmtpCard({ page }: { page: PageData }) {
  const t = useTranslation(settingsMessages);
  const { smtp, fromEmail, fromName } = page.settings;
  const test = useButtonResult("testSmtp");
  return (
    <BlockStack gap="400">
      <SettingsForm form="smtp" title={t("smtpTitle")} titleShown={false}>
        {(errors) => (
          <FormLayout>
            <FormLayout.Group>
              <TextInput name="smtpHost" label={t("smtpHost")} initial={smtp.host ?? ""} errors={errors} placeholder="smtp.example.com" />
              <TextInput name="smtpPort" label={t("smtpPort")} type="number" initial={smtp.port?.toString() ?? ""} errors={errors} placeholder="587" />
            </FormLayout.Group>
            <CheckboxInput name="smtpSecure" label={t("smtpSecure")} initial={smtp.secure} />
            <FormLayout.Group>
              <TextInput name="smtpUser" label={t("smtpUser")} initial={smtp.user ?? ""} errors={errors} />
              <TextInput
                name="smtpPassword"
                label={t("smtpPassword")}
                type="password"
                initial=""
                errors={errors}
                helpText={smtp.passwordSet ? t("smtpPasswordSet") : t("smtpPasswordNotSet")}
              />
            </FormLayout.Group>
            {smtp.passwordSet && <CheckboxInput name="clearPassword" label={t("clearPassword")} initial={false} />}
            <FormLayout.Group>
              <TextInput name="fromEmail" label={t("fromEmail")} type="email" initial={fromEmail ?? ""} errors={errors} />
              <TextInput name="fromName" label={t("fromName")} initial={fromName ?? ""} errors={errors} />
            </FormLayout.Group>
          </FormLayout>
        )}
      </SettingsForm>
      <Card>
        <BlockStack gap="300">
          {test && (test.ok ? <Banner tone="success" title={t("testOk")} /> : <Banner tone="critical" title={t("testFailed")}>{test.message}</Banner>)}
          <InlineStack align="end">
            <ActionButton form="testSmtp" label={t("testConnection")} />
          </InlineStack>
        </BlockStack>
      </Card>
    </BlockStack>
  );
}
