// Requests signed the way Shopify signs them, through Shopify's own test helpers.
import { createHmac } from "node:crypto";
import { RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { TEST_API_KEY, TEST_API_SECRET } from "./test-env.ts";

export async function signedWebhook({
  baseUrl,
  path,
  topic,
  shop,
  body,
  rawBody,
  eventId = crypto.randomUUID(),
  secret = TEST_API_SECRET,
}: {
  baseUrl: string;
  path: string;
  topic: string;
  shop: string;
  /** The payload, sent as JSON; a `rawBody` string is sent as it is instead. */
  body?: unknown;
  rawBody?: string;
  eventId?: string;
  secret?: string;
}) {
  const raw = JSON.stringify(body);
  const headers = {
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-API-Version": "2025-10",
    "X-Shopify-Webhook-Id": crypto.randomUUID(),
    "X-Shopify-Event-Id": eventId,
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "Content-Type": "application/json",
  };
  if (rawBody !== undefined) {
    // Shopify's helper signs JSON.stringify(body); a raw body is signed here the same way (HMAC-SHA256, base64).
    const hmac = createHmac("sha256", secret).update(rawBody).digest("base64");
    return fetch(`${baseUrl}${path}`, { method: "POST", headers: { ...headers, "X-Shopify-Hmac-Sha256": hmac }, body: rawBody });
  }
  const request = await setUpValidRequest(
    { type: RequestType.Extension, store: shop.replace(".myshopify.com", "").replace(".myshopify.io", ""), apiSecretKey: secret, body, headers },
    new Request(`${baseUrl}${path}`, { method: "POST", body: raw, headers }),
  );
  return fetch(request.url, { method: "POST", headers: request.headers, body: raw });
}

/** A document request as Shopify's admin makes it: shop, host, embedded=1 and a signed id_token. */
export async function adminDocumentRequest({ baseUrl, path, shop }: { baseUrl: string; path: string; shop: string }) {
  const store = shop.replace(/\.myshopify\.(com|io)$/, "");
  const request = await setUpValidRequest(
    { type: RequestType.Admin, store, apiKey: TEST_API_KEY, apiSecretKey: TEST_API_SECRET },
    new Request(`${baseUrl}${path}`),
  );
  return fetch(request.url, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
}

export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
