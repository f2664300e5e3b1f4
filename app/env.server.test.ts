import { expect, test } from "vitest";
import { DEFAULT_SCOPES, parseEnv } from "./env.server.ts";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  REPLYREEL_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

test("a complete environment parses with the documented defaults", () => {
  const env = parseEnv(valid);
  expect(env.SCOPES).toEqual(DEFAULT_SCOPES.split(","));
  expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
});

test("every missing secret is listed at once", () => {
  expect(() => parseEnv({})).toThrowError(/SHOPIFY_API_KEY[\s\S]*SHOPIFY_API_SECRET[\s\S]*SHOPIFY_APP_URL/);
});

test.each([
  [{ ...valid, SHOPIFY_API_SECRET: "" }, "SHOPIFY_API_SECRET"],
  [{ ...valid, SHOPIFY_APP_URL: "not a url" }, "SHOPIFY_APP_URL"],
  [{ ...valid, DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
  [{ ...valid, NODE_ENV: "staging" }, "NODE_ENV"],
  [{ ...valid, REPLYREEL_ENCRYPTION_KEY: "too-short" }, "REPLYREEL_ENCRYPTION_KEY"],
  [{ ...valid, REPLYREEL_ENCRYPTION_KEY: Buffer.alloc(16).toString("hex") }, "REPLYREEL_ENCRYPTION_KEY"],
])("an invalid value is named (%#)", (source, name) => {
  expect(() => parseEnv(source)).toThrowError(new RegExp(name));
});

test("PostgreSQL URLs are accepted", () => {
  expect(parseEnv({ ...valid, DATABASE_URL: "postgres://u@localhost:5432/db" }).DATABASE_URL).toMatch(/^postgres/);
});
