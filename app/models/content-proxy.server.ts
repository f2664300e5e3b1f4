// The storefront's way in to content commerce: app-proxy requests signed by
// Shopify (SPEC §8). The per-shop event rate limit is in rate-limit.server.ts.
import { json } from "@remix-run/node";
import { authenticate } from "../shopify.server.ts";

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

