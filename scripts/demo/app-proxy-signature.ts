// Signs an app-proxy request exactly as Shopify does: the query parameters,
// sorted, as `key=value` pairs (repeated keys joined by ","), concatenated with
// no separator, HMAC-SHA256 with the app secret, hex.
// https://shopify.dev/docs/apps/build/online-store/display-dynamic-data#calculate-a-digital-signature
import { createHmac } from "node:crypto";

export function signAppProxyQuery(params: URLSearchParams, secret: string): URLSearchParams {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  const signed = new URLSearchParams(params);
  signed.delete("signature");
  signed.set("signature", createHmac("sha256", secret).update(message).digest("hex"));
  return signed;
}

/** The query Shopify adds when it forwards `/apps/replyreel/...` to the app's proxy URL. */
export function appProxyQuery({
  shop,
  pathPrefix = "/apps/replyreel",
  loggedInCustomerId = "",
  timestamp = Math.floor(Date.now() / 1000),
  extra = new URLSearchParams(),
  secret,
}: {
  shop: string;
  pathPrefix?: string;
  loggedInCustomerId?: string;
  timestamp?: number;
  extra?: URLSearchParams;
  secret: string;
}) {
  const params = new URLSearchParams(extra);
  params.set("shop", shop);
  params.set("logged_in_customer_id", loggedInCustomerId);
  params.set("path_prefix", pathPrefix);
  params.set("timestamp", String(timestamp));
  return signAppProxyQuery(params, secret);
}
