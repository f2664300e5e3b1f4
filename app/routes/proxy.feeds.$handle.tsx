// GET /apps/replyreel/feeds/:handle → /proxy/feeds/:handle: one cached JSON per
// feed for the storefront blocks (issue 7). ETag + If-None-Match answer 304.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { createHash } from "node:crypto";
import { authenticateStorefront } from "../models/content-proxy.server.ts";
import { getPublicFeed } from "../models/feeds.server.ts";

// Browsers and Shopify's edge may reuse a feed for a minute and serve a stale
// copy for ten while revalidating: edits show within a minute, a spike of
// shoppers costs one database read per minute per edge.
const CACHE = "public, max-age=60, stale-while-revalidate=600";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await authenticateStorefront(request);
  const handle = params.handle ?? "";
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(handle)) {
    return json({ error: "a feed handle is lowercase letters, digits and hyphens" }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const feed = await getPublicFeed({ shop, handle });
  if (!feed) return json({ error: `no feed "${handle}"` }, { status: 404, headers: { "Cache-Control": "public, max-age=30" } });
  const body = JSON.stringify(feed);
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { "Cache-Control": CACHE, ETag: etag, Vary: "Accept-Encoding" };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
