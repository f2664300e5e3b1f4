// Rate limits of the public channels (SPEC §8 "429 too many") and of the
// storefront's events, with rate-limiter-flexible. With REDIS_URL set, every
// instance counts in the same Redis keys (a multi-instance deployment keeps
// one budget per visitor, shop and key); when Redis cannot be reached, each
// instance falls back to its own in-memory counts (the library's insurance
// limiter) instead of failing the request. Without REDIS_URL: in memory, per
// instance (docs/decisions/0013).
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "../env.server.ts";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };
export type RateLimit = { points: number; seconds: number };

/** Where the counts live; the Redis keys are "replyreel:<prefix>:<key>". */
export const REDIS_KEY_PREFIX = "replyreel";

let sharedRedis: Redis | null | undefined;

/** The Redis connection of REDIS_URL (one per process), or null when it is not set. */
function redisStore(): Redis | null {
  if (sharedRedis === undefined) {
    const url = env().REDIS_URL;
    sharedRedis = url ? connectRedis(url) : null;
  }
  return sharedRedis;
}

/**
 * A connection for the limiters. A command waits while the connection opens,
 * but gives up after one failed reconnection or 250 ms (the limiter then
 * counts in memory), so a request never hangs on Redis; one warning is logged
 * per outage rather than one per retry.
 */
export function connectRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 250, connectTimeout: 2_000 });
  let down = false;
  client.on("error", (error: Error) => {
    if (down) return;
    down = true;
    console.warn(`[rate-limit] Redis at ${new URL(url).host} is unreachable (${error.message}): counting in memory until it is back`);
  });
  client.on("ready", () => {
    down = false;
  });
  return client;
}

/** A limiter in Redis with an in-memory stand-in for outages, or in memory alone. */
export function createLimiter(keyPrefix: string, { points, seconds }: RateLimit, store: Redis | null = redisStore()): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: seconds });
  if (!store) return memory;
  return new RateLimiterRedis({
    storeClient: store,
    keyPrefix: `${REDIS_KEY_PREFIX}:${keyPrefix}`,
    points,
    duration: seconds,
    insuranceLimiter: memory,
  });
}

/** Spends `points` of `key`'s budget; the wait until the next point when it is spent. */
export async function spend(
  limiter: RateLimiterAbstract,
  key: string,
  points = 1,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  try {
    await limiter.consume(key, points);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
}

type Limiters = { visitor: RateLimiterAbstract; shop: RateLimiterAbstract; apiKey: RateLimiterAbstract; events: RateLimiterAbstract };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const config = env();
    limiters = {
      visitor: createLimiter("contact-visitor", config.REPLYREEL_CONTACT_RATE_VISITOR),
      shop: createLimiter("contact-shop", config.REPLYREEL_CONTACT_RATE_SHOP),
      apiKey: createLimiter("api-key", config.REPLYREEL_API_RATE),
      events: createLimiter("rr-events", config.REPLYREEL_EVENTS_RATE_SHOP),
    };
  }
  return limiters;
}

async function consume(limiter: RateLimiterAbstract, key: string, reason: string): Promise<RateDecision> {
  const spent = await spend(limiter, key);
  return spent.ok ? { allowed: true } : { allowed: false, retryAfterSeconds: spent.retryAfterSeconds, reason };
}

/**
 * A contact-form post: the visitor (the logged-in customer, else the shopper's
 * IP as the proxy forwards it) is checked first, so one noisy visitor does not
 * use up the shop's budget.
 */
export async function limitContactForm({ shop, visitor }: { shop: string; visitor: string }): Promise<RateDecision> {
  const { visitor: perVisitor, shop: perShop } = getLimiters();
  const first = await consume(perVisitor, `${shop}|${visitor}`, "too many messages from this visitor");
  if (!first.allowed) return first;
  return consume(perShop, shop, "too many messages for this shop");
}

export async function limitApiKey({ shop, keyId }: { shop: string; keyId: string }): Promise<RateDecision> {
  return consume(getLimiters().apiKey, `${shop}|${keyId}`, "too many requests for this API key");
}

/** Spends one point per storefront event; refused when the shop is over REPLYREEL_EVENTS_RATE_SHOP. */
export function takeEventBudget({ shop, events }: { shop: string; events: number }) {
  return spend(getLimiters().events, shop, Math.max(1, events));
}

/** The visitor behind an app-proxy request: Shopify's logged-in customer id, else the first forwarded address. */
export function visitorKey(request: Request): string {
  const url = new URL(request.url);
  const customer = url.searchParams.get("logged_in_customer_id");
  if (customer) return `customer:${customer}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `ip:${forwarded || request.headers.get("x-real-ip") || "unknown"}`;
}

export function tooManyRequests(decision: Extract<RateDecision, { allowed: false }>): Response {
  return Response.json(
    { error: "rate_limited", reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds) } },
  );
}
