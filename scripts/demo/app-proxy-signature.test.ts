import { expect, test } from "vitest";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { createHmac } from "node:crypto";
import { signAppProxyQuery } from "./app-proxy-signature.ts";

test("the demo proxy signs exactly as Shopify's own test helper does", async () => {
  const signed = await setUpValidRequest(
    { type: RequestType.Public, store: "demo-store", apiSecretKey: "s3cret" },
    new Request("https://app.example.com/proxy/contact?extra=1&path_prefix=%2Fapps%2Freplyreel&logged_in_customer_id="),
  );
  const theirs = new URL(signed.url).searchParams;
  const ours = signAppProxyQuery(theirs, "s3cret");
  expect(theirs.get("signature")).toMatch(/^[0-9a-f]{64}$/);
  expect(ours.get("signature")).toBe(theirs.get("signature"));
});

test("a different secret gives a different signature", () => {
  const params = new URLSearchParams({ shop: "a.myshopify.com", timestamp: "1" });
  expect(signAppProxyQuery(params, "one").get("signature")).not.toBe(signAppProxyQuery(params, "two").get("signature"));
});

test("repeated parameters are joined with commas, as Shopify documents", () => {
  const params = new URLSearchParams("shop=a.myshopify.com&ids=2&ids=1&timestamp=9");
  const documented = createHmac("sha256", "k").update("ids=2,1shop=a.myshopify.comtimestamp=9").digest("hex");
  expect(signAppProxyQuery(params, "k").get("signature")).toBe(documented);
});
