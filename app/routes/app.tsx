import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server.ts";
import { env } from "../env.server.ts";
import polarisEn from "@shopify/polaris/locales/en.json" with { type: "json" };
import polarisZhCn from "@shopify/polaris/locales/zh-CN.json" with { type: "json" };
import { localeFromRequest, translator } from "../i18n/i18n.ts";
import { navMessages } from "../i18n/messages/nav.ts";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return { apiKey: env().SHOPIFY_API_KEY, locale: localeFromRequest(request) };
}

export default function App() {
  const { apiKey, locale } = useLoaderData<typeof loader>();
  const t = translator(navMessages, locale);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={locale === "zh-CN" ? polarisZhCn : polarisEn}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("home")}
        </Link>
        <Link to="/app/inbox">{t("inbox")}</Link>
        <Link to="/app/knowledge">{t("knowledge")}</Link>
        <Link to="/app/content">{t("content")}</Link>
        <Link to="/app/report">{t("report")}</Link>
        <Link to="/app/insights">{t("insights")}</Link>
        <Link to="/app/settings">{t("settings")}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
