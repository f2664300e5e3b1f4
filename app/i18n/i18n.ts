// Admin UI text in the merchant's language (issue 6 item 7). Shopify opens an
// embedded app with `?locale=zh-CN` (the admin user's language); without it we
// fall back to Accept-Language, then English. Catalogues are typed TS modules
// per area (app/i18n/messages/*.ts): the English one defines the keys and every
// other language must have the same keys, which `tsc` checks.
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

/** Declare a catalogue: `defineMessages({ en: {...}, "zh-CN": {...} })`. */
export function defineMessages<const E extends Record<string, string>>(catalog: {
  en: E;
  "zh-CN": Record<keyof E & string, string>;
}): Catalog<keyof E & string> {
  return catalog as Catalog<keyof E & string>;
}

export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith("zh")) return "zh-CN";
  if (lower.startsWith("en")) return "en";
  return null;
}

export function localeFromRequest(request: Request): Locale {
  const fromParam = matchLocale(new URL(request.url).searchParams.get("locale"));
  if (fromParam) return fromParam;
  for (const part of (request.headers.get("accept-language") ?? "").split(",")) {
    const found = matchLocale(part.split(";")[0]);
    if (found) return found;
  }
  return "en";
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/** `t("inbox.count", { count: 3 })` replaces `{count}`; a missing key shows the key. */
export function translator<K extends string>(catalog: Catalog<K>, locale: Locale): Translate<K> {
  const table = catalog[locale] ?? catalog.en;
  return (key, vars) => {
    const text = table[key] || catalog.en[key] || key;
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
  };
}
