// The environment, parsed once at boot. Anything missing or malformed stops
// the server with the full list of problems; no secret has a fallback.
import { z } from "zod";

const csv = z
  .string()
  .transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean));

const rate = z
  .string()
  .regex(/^\d+\/\d+$/, 'must look like "<requests>/<seconds>", e.g. "5/600"')
  .transform((value) => {
    const [points, seconds] = value.split("/").map(Number);
    return { points, seconds };
  });

// The scopes the product needs (README "Configuration"); shopify.app.toml
// declares the same list for Shopify-managed installation.
export const DEFAULT_SCOPES =
  "read_products,read_orders,read_files,write_files,write_pixels,read_customer_events";

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  SHOPIFY_API_KEY: z.string().min(1, "the app's client id from the Partner Dashboard"),
  SHOPIFY_API_SECRET: z.string().min(1, "the app's client secret from the Partner Dashboard"),
  SHOPIFY_APP_URL: z.url("the public https URL of this app"),
  SCOPES: csv.default(DEFAULT_SCOPES.split(",")),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./prisma/dev.sqlite"),
  LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("warn"),
  // Encrypts SMTP passwords and inbound-email secrets at rest (app/models/secrets.server.ts).
  REPLYREEL_ENCRYPTION_KEY: z
    .string({ error: "32 random bytes as base64 or hex that encrypt stored secrets (openssl rand -base64 32)" })
    .refine(
      (value) => (/^[0-9a-f]{64}$/i.test(value.trim()) || (/^[A-Za-z0-9+/_-]{43}=?$/.test(value.trim()) && Buffer.from(value.trim(), "base64").length === 32)),
      "must be 32 bytes as 64 hex characters or base64 (openssl rand -base64 32)",
    ),
  // Where the rate limits count: a Redis shared by every instance (redis://…), else in memory per instance.
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  // Channel rate limits (issue 5), "<requests>/<seconds>".
  REPLYREEL_CONTACT_RATE_VISITOR: rate.prefault("5/600"),
  REPLYREEL_CONTACT_RATE_SHOP: rate.prefault("120/60"),
  REPLYREEL_API_RATE: rate.prefault("120/60"),
  // Imported rows go through the pipeline in the background ("background") or stay stored only ("off").
  REPLYREEL_IMPORT_CLASSIFY: z.enum(["background", "off"]).default("background"),
  // Storefront content events (issue 7): "<events>/<seconds>" per shop.
  REPLYREEL_EVENTS_RATE_SHOP: rate.prefault("50000/10"),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(
      `ReplyReel cannot start: the environment is missing or has invalid values:\n${lines.join("\n")}\nSee README.md, "Configuration".`,
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The parsed environment; parsed on first use (not at import, so tests can set it). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
