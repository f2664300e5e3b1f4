// The settings page's server side: what the page shows, and each form's
// effect through the models (settings, api keys, mailer, learning).
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { getShopSettings, rotateInboundSecret, updateShopSettings } from "../../models/settings.server.ts";
import type { ShopSettings, ShopSettingsUpdate } from "../../models/settings.server.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../models/api-keys.server.ts";
import { getInboundEmailConfig } from "../../models/inbound-email.server.ts";
import { testSmtpConnection } from "../../models/mailer.server.ts";
import { getThresholdEvidence } from "../../models/learning.server.ts";
import { shopTimeZone } from "../../models/shop-time-zone.server.ts";
import { DEFAULT_AUTO_SEND_THRESHOLD } from "../../core/inbox/decision.ts";
import { INTENTS } from "../../core/inbox/intents.ts";
import { COMPLIANCE_CHANNELS, SETTINGS_BUTTONS, SETTINGS_FORMS } from "./forms.ts";
import type { SettingsFormName } from "./forms.ts";

export async function loadSettingsPage({ shop }: { shop: string }) {
  const [settings, apiKeys, inbound, evidence, timeZone] = await Promise.all([
    getShopSettings({ shop }),
    listApiKeys({ shop }),
    getInboundEmailConfig({ shop }),
    getThresholdEvidence({ shop }),
    shopTimeZone(shop),
  ]);
  return {
    settings: { ...settings, updatedAt: settings.updatedAt.toISOString() },
    intents: [...INTENTS],
    defaultThreshold: DEFAULT_AUTO_SEND_THRESHOLD,
    apiKeys: apiKeys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
    inbound,
    evidence,
    timeZone,
  };
}

export type SettingsActionData = {
  form: string;
  ok: boolean;
  result?: SubmissionResult<string[]>;
  /** Shown once: a new API key or inbound secret. */
  secret?: string;
  message?: string;
};

type Outcome = { status: number; data: SettingsActionData };

function isForm(name: string): name is SettingsFormName {
  return name in SETTINGS_FORMS;
}

function complianceRules(rules: Record<string, { bannedWords: string[]; links?: string } | undefined> | undefined): ShopSettings["complianceRules"] {
  const out: ShopSettings["complianceRules"] = {};
  for (const channel of COMPLIANCE_CHANNELS) {
    const rule = rules?.[channel];
    if (!rule) continue;
    const entry: { bannedWords?: string[]; noExternalLinks?: boolean } = {};
    if (rule.bannedWords.length > 0) entry.bannedWords = rule.bannedWords;
    if (rule.links === "allow") entry.noExternalLinks = false;
    if (rule.links === "block") entry.noExternalLinks = true;
    if (Object.keys(entry).length > 0) out[channel === "all" ? "*" : channel] = entry;
  }
  return out;
}

export async function handleSettingsAction({ shop, formData }: { shop: string; formData: FormData }): Promise<Outcome> {
  const name = String(formData.get("_action") ?? "");
  if ((SETTINGS_BUTTONS as readonly string[]).includes(name)) {
    if (name === "rotateSecret") return { status: 200, data: { form: name, ok: true, secret: await rotateInboundSecret({ shop }) } };
    const test = await testSmtpConnection({ shop });
    return test.ok
      ? { status: 200, data: { form: name, ok: true } }
      : { status: 422, data: { form: name, ok: false, message: test.reason } };
  }
  if (!isForm(name)) return { status: 400, data: { form: name, ok: false, message: `unknown form "${name.slice(0, 40)}"` } };

  const submission = parseWithZod(formData, { schema: SETTINGS_FORMS[name] });
  if (submission.status !== "success") {
    return { status: 400, data: { form: name, ok: false, result: submission.reply({ hideFields: ["smtpPassword"] }) } };
  }
  const value = submission.value;
  let input: ShopSettingsUpdate | undefined;
  switch (value._action) {
    case "general":
      input = { mode: value.mode, languages: value.languages, defaultLanguage: value.defaultLanguage, autoRetrainAfter: value.autoRetrainAfter ?? null };
      break;
    case "intents": {
      const thresholds: Record<string, number> = {};
      for (const [intent, t] of Object.entries(value.thresholds ?? {})) if (typeof t === "number") thresholds[intent] = t;
      input = { thresholds, sensitiveIntents: value.sensitiveIntents ?? [], autoSendIntents: value.autoSendIntents ?? [] };
      break;
    }
    case "contactForm": {
      const texts: ShopSettings["contactFormTexts"] = {};
      for (const [language, t] of Object.entries(value.texts ?? {})) {
        if (t && (t.title || t.intro || t.success)) texts[language] = t;
      }
      input = { contactFormTexts: texts };
      break;
    }
    case "inbound":
      input = { inboundAddress: value.inboundAddress ?? null };
      break;
    case "smtp":
      input = {
        smtpHost: value.smtpHost ?? null,
        smtpPort: value.smtpPort ?? null,
        smtpSecure: value.smtpSecure ?? false,
        smtpUser: value.smtpUser ?? null,
        fromEmail: value.fromEmail ?? null,
        fromName: value.fromName ?? null,
        ...(value.clearPassword ? { smtpPassword: null } : value.smtpPassword ? { smtpPassword: value.smtpPassword } : {}),
      };
      break;
    case "compliance":
      input = { complianceRules: complianceRules(value.rules) };
      break;
    case "createApiKey": {
      const key = await createApiKey({ shop, name: value.name });
      return { status: 200, data: { form: name, ok: true, secret: key.key } };
    }
    case "revokeApiKey": {
      const revoked = await revokeApiKey({ shop, id: value.id });
      return revoked
        ? { status: 200, data: { form: name, ok: true } }
        : { status: 404, data: { form: name, ok: false, message: "no such active API key" } };
    }
  }
  await updateShopSettings({ shop, input });
  return { status: 200, data: { form: name, ok: true, result: submission.reply({ hideFields: ["smtpPassword"] }) } };
}
