// Channel compliance rules for replies (SPEC §4): marketplaces such as Amazon
// or TikTok Shop forbid links that take buyers off the platform, and a
// merchant may ban words on any channel. A reply that breaks a rule is still
// suggested, with the violations shown, but never sent automatically.

export type ChannelRule = { noExternalLinks: boolean; bannedWords: string[] };
export type ComplianceRules = Record<string, Partial<ChannelRule>>;

export type Violation = { rule: "external_link"; detail: string } | { rule: "banned_word"; detail: string };

/** Sources (Message.source) that are marketplaces: no external links unless the shop says otherwise. */
export const MARKETPLACE_SOURCES: readonly string[] = [
  "amazon",
  "tiktok_shop",
  "tiktok",
  "ebay",
  "etsy",
  "walmart",
  "aliexpress",
  "temu",
  "shein",
  "mercadolibre",
  "rakuten",
  "zalando",
  "cdiscount",
];

export function isMarketplace(source: string | null | undefined): boolean {
  return MARKETPLACE_SOURCES.includes(normaliseKey(source ?? ""));
}

function normaliseKey(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * The rule for a message: the shop's rules for "*" (every channel), then its
 * channel (contact_form, email, import, api), then its source (amazon, …), the
 * more specific overriding `noExternalLinks` and adding banned words.
 */
export function ruleFor(rules: ComplianceRules, { channel, source }: { channel: string; source?: string | null }): ChannelRule {
  const rule: ChannelRule = { noExternalLinks: isMarketplace(source), bannedWords: [] };
  const keys = ["*", channel, ...(source ? [normaliseKey(source)] : [])];
  const byKey = new Map(Object.entries(rules).map(([k, v]) => [k === "*" ? k : normaliseKey(k), v]));
  for (const key of keys) {
    const layer = byKey.get(key);
    if (!layer) continue;
    if (layer.noExternalLinks !== undefined) rule.noExternalLinks = layer.noExternalLinks;
    rule.bannedWords.push(...(layer.bannedWords ?? []));
  }
  rule.bannedWords = [...new Set(rule.bannedWords.map((w) => w.trim()).filter(Boolean))];
  return rule;
}

const LINK = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/gi;

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function containsWord(haystack: string, word: string): boolean {
  const needle = fold(word);
  if (!needle) return false;
  // Chinese and Japanese have no spaces: a banned word is any occurrence.
  if (HAS_CJK.test(needle)) return haystack.includes(needle);
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(haystack);
}

export function checkCompliance(text: string, rule: ChannelRule): Violation[] {
  const violations: Violation[] = [];
  if (rule.noExternalLinks) {
    for (const match of text.matchAll(LINK)) violations.push({ rule: "external_link", detail: match[0] });
  }
  const folded = fold(text);
  for (const word of rule.bannedWords) {
    if (containsWord(folded, word)) violations.push({ rule: "banned_word", detail: word });
  }
  return violations;
}

export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => (v.rule === "external_link" ? `external link ${v.detail}` : `banned word "${v.detail}"`)).join(", ");
}
