// Rate limits of the public channels (SPEC §8 "429 too many"), in memory with
// rate-limiter-flexible: per instance, which is the documented limit of this
// choice (README "Channels"); a multi-instance deployment would swap in its
// Redis or PostgreSQL limiter behind the same functions.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env.server.ts";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

type Limiters = { visitor: RateLimiterMemory; shop: RateLimiterMemory; apiKey: RateLimiterMemory };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (!limiters) {
    const config = env();
    const make = (keyPrefix: string, { points, seconds }: { points: number; seconds: number }) =>
      new RateLimiterMemory({ keyPrefix, points, duration: seconds });
    limiters = {
      visitor: make("contact-visitor", config.REPLYREEL_CONTACT_RATE_VISITOR),
      shop: make("contact-shop", config.REPLYREEL_CONTACT_RATE_SHOP),
      apiKey: make("api-key", config.REPLYREEL_API_RATE),
    };
  }
  return limiters;
}

async function consume(limiter: RateLimiterMemory, key: string, reason: string): Promise<RateDecision> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), reason };
    }
    throw error;
  }
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
