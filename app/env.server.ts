// The environment, parsed once at boot. Anything missing or malformed stops
// the server with the full list of problems; no secret has a fallback.
import { z } from "zod";

const csv = z
  .string()
  .transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean));

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
  LOG_LEVEL: z.enum(["error", "warn", "info", "debug"]).default("info"),
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
