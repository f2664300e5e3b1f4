// GET /apps/replyreel/bio/:handle → /proxy/bio/:handle: a shoppable "link in bio"
// page for a feed (issue 7). Shoppers arrive from Instagram or TikTok, so every
// product link carries the feed's UTM set with utm_source=link_in_bio: the visit
// and the order it leads to are attributed to the post. A standalone HTML page
// (not application/liquid) so it loads fast on a phone without the theme.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticateStorefront } from "../models/content-proxy.server.ts";
import { getPublicFeed } from "../models/feeds.server.ts";
import { buildShareLink } from "../core/content/utm.ts";

function escape(value: string | null | undefined) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await authenticateStorefront(request);
  const handle = params.handle ?? "";
  const feed = /^[a-z0-9][a-z0-9-]{0,59}$/.test(handle) ? await getPublicFeed({ shop, handle }) : null;
  if (!feed) {
    return new Response("<!doctype html><title>Not found</title><p>This page does not exist.</p>", {
      status: 404,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  const origin = `https://${shop}`;
  const cards = feed.items
    .filter((item) => item.products.length > 0)
    .map((item) => {
      const product = item.products[0];
      const href = buildShareLink({ url: `${origin}/products/${product.handle}`, utm: item.utm, channel: "link_in_bio" }).replace(origin, "");
      const image = item.media.type === "image" ? item.media.src : item.poster;
      return `<li><a href="${escape(href)}">${
        image ? `<img src="${escape(image)}" alt="${escape(item.alt)}" width="400" height="500" loading="lazy">` : ""
      }<span>${escape(product.title)}</span>${product.price ? `<small>${escape(product.price)}</small>` : ""}</a></li>`;
    })
    .join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(feed.feed.title)}</title><meta name="robots" content="noindex">
<style>body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1f2a2c;background:#fbf8f3}h1{font-size:1.25rem;text-align:center;margin:1.25rem}ul{list-style:none;margin:0 auto;padding:0 .75rem 2rem;max-width:40rem;display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem}a{display:grid;gap:.25rem;text-decoration:none;color:inherit}img{width:100%;height:auto;aspect-ratio:4/5;object-fit:cover;border-radius:8px;background:#e3ddd3}small{color:#5b6769}</style>
</head><body><h1>${escape(feed.feed.title)}</h1><ul>${cards}</ul></body></html>`;
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
