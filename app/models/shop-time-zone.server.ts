// The shop's time zone (Shopify's shop.ianaTimezone): the report's rollups
// are keyed by the shop's calendar days (app/core/time/shop-day.ts).
import prisma from "../db.server.ts";
import { DEFAULT_TIME_ZONE, isTimeZone } from "../core/time/shop-day.ts";
import { shopCache } from "./shop-cache.server.ts";

// Every storefront event batch and order asks for the shop's zone: a short copy.
const timeZones = shopCache<string>("time-zone", { ttlMs: 60_000 });

/** The shop's IANA time zone (the report's days), UTC until Shopify has told us. */
export async function shopTimeZone(shop: string): Promise<string> {
  const cached = timeZones.get(shop);
  if (cached) return cached;
  const row = await prisma.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } });
  const zone = row?.ianaTimezone && isTimeZone(row.ianaTimezone) ? row.ianaTimezone : DEFAULT_TIME_ZONE;
  timeZones.set(shop, zone);
  return zone;
}

/**
 * Stores the shop's zone as Shopify gives it (after authentication, shop/update
 * webhooks). A zone Intl does not know is ignored (false). Days already rolled
 * up keep the zone they were counted in.
 */
export async function recordShopTimeZone({ shop, ianaTimezone }: { shop: string; ianaTimezone: unknown }): Promise<boolean> {
  if (!isTimeZone(ianaTimezone)) return false;
  await prisma.shop.upsert({ where: { shop }, create: { shop, ianaTimezone }, update: { ianaTimezone } });
  timeZones.forget(shop);
  return true;
}

export function forgetShopTimeZone(shop: string) {
  timeZones.forget(shop);
}
