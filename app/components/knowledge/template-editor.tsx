// The template editor: subject, body with variable insertion at the cursor,
// on/off, save and reset. The parent keeps the body so the preview follows it.
import { useRef } from "react";
import { BlockStack, Button, Checkbox, InlineStack, Text, TextField, Tooltip } from "@shopify/polaris";
import { TEMPLATE_VARIABLES } from "../../core/inbox/render.ts";
import { knowledgeMessages } from "../../i18n/messages/knowledge.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { SectionCard } from "../section-card.tsx";

export function TemplateEditor({
  title,
  subject,
  body,
  enabled,
  busy,
  onSubject,
  onBody,
  onSave,
  onReset,
  onToggle,
}: {
  title: string;
  subject: string;
  body: string;
  enabled: boolean;
  busy: boolean;
  onSubject: (value: string) => void;
  onBody: (value: string) => void;
  onSave: () => void;
  onReset: () => void;
  onToggle: (enabled: boolean) => void;
}) {
  const t = useTranslation(knowledgeMessages);
  const wrapper = useRef<HTMLDivElement>(null);

  const insert = (name: string) => {
    const token = `{{${name}}}`;
    const area = wrapper.current?.querySelector("textarea");
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    onBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      if (!area) return;
      area.focus();
      area.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <SectionCard title={title}>
      <TextField label={t("editor.subject")} value={subject} onChange={onSubject} autoComplete="off" />
      <div ref={wrapper}>
        <TextField label={t("editor.body")} value={body} onChange={onBody} multiline={10} autoComplete="off" helpText={t("editor.bodyHelp")} monospaced />
      </div>
      <BlockStack gap="100">
        <Text as="p" tone="subdued">
          {t("editor.insert")}
        </Text>
        <InlineStack gap="100" wrap>
          {Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => (
            <Tooltip key={name} content={description}>
              <Button size="slim" onClick={() => insert(name)} accessibilityLabel={`${t("editor.insert")}: {{${name}}}`}>
                {`{{${name}}}`}
              </Button>
            </Tooltip>
          ))}
        </InlineStack>
      </BlockStack>
      <Checkbox label={t("editor.enabled")} helpText={t("editor.enabledHelp")} checked={enabled} onChange={onToggle} disabled={busy} />
      <InlineStack align="end" gap="200">
        <Button onClick={onReset} disabled={busy}>
          {t("editor.reset")}
        </Button>
        <Button variant="primary" onClick={onSave} loading={busy}>
          {t("editor.save")}
        </Button>
      </InlineStack>
    </SectionCard>
  );
}
