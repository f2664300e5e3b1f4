// The storefront's way in to content commerce: app-proxy requests signed by
// Shopify (SPEC §8), and the per-shop event rate limit.
import { json } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { authenticate } from "../shopify.server.ts";
import { env } from "../env.server.ts";

/**
 * The signed shop of an app-proxy request. shopify-app-remix answers a bad or
 * missing signature with a bare 400; the storefront gets 401 with a reason.
 */
export async function authenticateStorefront(request: Request): Promise<{ shop: string }> {
  try {
    await authenticate.public.appProxy(request);
  } catch (error) {
    if (error instanceof Response && error.status === 400) {
      throw json({ error: "invalid or missing app proxy signature" }, { status: 401, headers: { "Cache-Control": "no-store" } });
    }
    throw error;
  }
  const shop = new URL(request.url).searchParams.get("shop");
  if (!shop) throw json({ error: "the signed request names no shop" }, { status: 401 });
  return { shop };
}

let eventLimiter: RateLimiterMemory | undefined;

/** Spends one point per event; false when the shop is over REPLYREEL_EVENTS_RATE_SHOP. */
export async function takeEventBudget({ shop, events }: { shop: string; events: number }): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const { points, seconds } = env().REPLYREEL_EVENTS_RATE_SHOP;
  eventLimiter ??= new RateLimiterMemory({ keyPrefix: "rr-events", points, duration: seconds });
  try {
    await eventLimiter.consume(shop, Math.max(1, events));
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}
