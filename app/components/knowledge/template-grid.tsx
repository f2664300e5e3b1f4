// Which templates exist, per intent (rows) and language (columns), on or off.
import { Badge, Card, Text } from "@shopify/polaris";
import { knowledgeMessages } from "../../i18n/messages/knowledge.ts";
import { useTranslation } from "../../i18n/use-translation.ts";
import { useIntentName, useLanguageName } from "../inbox/badges.tsx";

export type GridTemplate = {
  intent: string;
  language: string;
  enabled: boolean;
};

export function TemplateGrid({
  intents,
  languages,
  templates,
  selected,
  onSelect,
}: {
  intents: readonly string[];
  languages: readonly string[];
  templates: GridTemplate[];
  selected: { intent: string; language: string };
  onSelect: (intent: string, language: string) => void;
}) {
  const t = useTranslation(knowledgeMessages);
  const intentName = useIntentName();
  const languageName = useLanguageName();
  const byKey = new Map(templates.map((tpl) => [`${tpl.intent}:${tpl.language}`, tpl]));
  const cell: React.CSSProperties = {
    padding: "4px 6px",
    borderBottom: "1px solid var(--p-color-border-secondary, #ebebeb)",
    textAlign: "left",
  };
  return (
    <Card padding="0">
      <div style={{ padding: "12px 16px 4px" }}>
        <Text as="h2" variant="headingMd">
          {t("grid.title")}
        </Text>
      </div>
      <div style={{ overflowX: "auto" }}>
        <table style={{ borderCollapse: "collapse", width: "100%" }}>
          <thead>
            <tr>
              <th scope="col" style={cell}>
                <Text as="span" tone="subdued">
                  {t("grid.intent")}
                </Text>
              </th>
              {languages.map((l) => (
                <th scope="col" key={l} style={cell}>
                  <abbr title={languageName(l)} style={{ textDecoration: "none" }}>
                    <Text as="span" tone="subdued">
                      {l.toUpperCase()}
                    </Text>
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {intents.map((intent) => (
              <tr key={intent}>
                <th scope="row" style={cell}>
                  <Text as="span" fontWeight="medium">
                    {intentName(intent)}
                  </Text>
                </th>
                {languages.map((language) => {
                  const tpl = byKey.get(`${intent}:${language}`);
                  const active = selected.intent === intent && selected.language === language;
                  return (
                    <td
                      key={language}
                      style={{
                        ...cell,
                        background: active ? "var(--p-color-bg-surface-selected, #f1f1f1)" : undefined,
                      }}
                    >
                      <button
                        type="button"
                        onClick={() => onSelect(intent, language)}
                        aria-label={t("grid.edit", {
                          intent: intentName(intent),
                          language: languageName(language),
                        })}
                        aria-pressed={active}
                        style={{
                          background: "none",
                          border: 0,
                          padding: 0,
                          cursor: "pointer",
                        }}
                      >
                        {tpl ? (
                          <Badge tone={tpl.enabled ? "success" : undefined}>{tpl.enabled ? t("grid.on") : t("grid.off")}</Badge>
                        ) : (
                          <Badge>{t("grid.missing")}</Badge>
                        )}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
