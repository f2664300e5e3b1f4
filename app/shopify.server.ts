import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server.ts";
import { CachedSessionStorage } from "./models/session-cache.server.ts";
import { recordShopTimeZone } from "./models/shop-time-zone.server.ts";
import { env } from "./env.server.ts";

export const apiVersion = ApiVersion.October25;

// LOG_LEVEL also sets the Shopify libraries' level: at "info" they log a line
// for every authenticated request (about 7% of the event endpoint's CPU).
const SHOPIFY_LOG_LEVEL = {
  error: LogSeverity.Error,
  warn: LogSeverity.Warning,
  info: LogSeverity.Info,
  debug: LogSeverity.Debug,
} as const;

function createShopifyApp() {
  const config = env();
  return shopifyApp({
    apiKey: config.SHOPIFY_API_KEY,
    apiSecretKey: config.SHOPIFY_API_SECRET,
    apiVersion,
    scopes: config.SCOPES,
    appUrl: config.SHOPIFY_APP_URL,
    authPathPrefix: "/auth",
    logger: { level: SHOPIFY_LOG_LEVEL[config.LOG_LEVEL] },
    // Sessions are read through a short cache (every app-proxy request loads one).
    sessionStorage: new CachedSessionStorage(new PrismaSessionStorage(prisma)),
    distribution: AppDistribution.AppStore,
    future: {
      unstable_newEmbeddedAuthStrategy: true,
      expiringOfflineAccessTokens: true,
    },
    hooks: {
      // On install and each new offline token: the shop's time zone (the report's days).
      // shop/update keeps it current; a failure here only leaves days in UTC.
      afterAuth: async ({ session, admin }) => {
        try {
          const response = await admin.graphql(`#graphql
            query ShopInfo { shop { ianaTimezone } }`);
          const body = (await response.json()) as { data?: { shop?: { ianaTimezone?: unknown } } };
          await recordShopTimeZone({ shop: session.shop, ianaTimezone: body.data?.shop?.ianaTimezone });
        } catch (error) {
          console.warn(`[auth] ${session.shop}: could not read the shop's time zone (${(error as Error).message}); the report counts in UTC`);
        }
      },
    },
    ...(config.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [config.SHOP_CUSTOM_DOMAIN] } : {}),
  });
}

type ShopifyApp = ReturnType<typeof createShopifyApp>;
let instance: ShopifyApp | undefined;

/** The configured app; built on first use so importing this file reads no environment. */
export function shopify(): ShopifyApp {
  instance ??= createShopifyApp();
  return instance;
}

export const authenticate = {
  admin: (request: Request) => shopify().authenticate.admin(request),
  webhook: (request: Request) => shopify().authenticate.webhook(request),
  public: {
    appProxy: (request: Request) => shopify().authenticate.public.appProxy(request),
  },
};
export const addDocumentResponseHeaders = (request: Request, headers: Headers) =>
  shopify().addDocumentResponseHeaders(request, headers);
export const login = (request: Request) => shopify().login(request);
export const unauthenticated = {
  admin: (shop: string) => shopify().unauthenticated.admin(shop),
};
