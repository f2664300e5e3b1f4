import { useRouteLoaderData } from "@remix-run/react";
import { translator } from "./i18n.ts";
import type { Catalog, Locale, Translate } from "./i18n.ts";

/** The admin locale chosen by app.tsx's loader (every /app page is below it). */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale?: Locale }>("routes/app");
  return data?.locale ?? "en";
}

export function useTranslation<K extends string>(catalog: Catalog<K>): Translate<K> {
  return translator(catalog, useLocale());
}
