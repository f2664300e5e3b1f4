// Factories shared by the unit tests, the e2e tests and the demo seed.
import prisma from "../app/db.server.ts";
import { DEFAULT_SCOPES } from "../app/env.server.ts";

/** Stores an offline session so admin routes authenticate without a token exchange. */
export async function createOfflineSession({
  shop,
  scopes = DEFAULT_SCOPES,
  accessToken = "shpat_demo_offline_token",
}: {
  shop: string;
  scopes?: string;
  accessToken?: string;
}) {
  const id = `offline_${shop}`;
  const expires = new Date(Date.now() + 365 * 86_400_000);
  const data = {
    shop,
    state: "installed",
    isOnline: false,
    scope: scopes,
    accessToken,
    expires,
    refreshToken: "shprt_demo_refresh_token",
    refreshTokenExpires: expires,
  };
  await prisma.session.upsert({ where: { id }, create: { id, ...data }, update: data });
  await prisma.shop.upsert({ where: { shop }, create: { shop, scopes }, update: { scopes, uninstalledAt: null } });
  return id;
}
