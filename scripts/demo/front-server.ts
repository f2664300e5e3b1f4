// The local demo's front door, on 127.0.0.1:PORT. It plays the parts of Shopify
// that live outside the app: the admin frame (with an App Bridge stand-in), the
// storefront (theme app extension blocks rendered with liquidjs) and the app
// proxy (requests signed exactly as Shopify signs them). Everything else is
// forwarded to the real ReplyReel server.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { appProxyQuery } from "./app-proxy-signature.ts";
import { adminHostParam, mintSessionToken } from "./session-token.ts";
import { fixtureProducts } from "../../tests/fixtures/shop.ts";
import { createCartStore } from "./storefront/cart.ts";

export type DemoConfig = {
  port: number;
  host: string;
  appPort: number;
  shop: string;
  apiKey: string;
  secret: string;
};

const root = path.resolve(import.meta.dirname, "../..");
const publicDir = path.join(import.meta.dirname, "public");
const extensionAssets = path.join(root, "extensions/theme-blocks/assets");
const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const INTER_CDN = "https://cdn.shopify.com/static/fonts/inter/v4/styles.css";

const contentTypes: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webm": "video/webm",
  ".jpg": "image/jpeg",
  ".vtt": "text/vtt; charset=utf-8",
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = "text/html; charset=utf-8") {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  res.end(body);
}

function placeholderImage(handle: string) {
  const product = fixtureProducts.find((p) => p.handle === handle);
  const hue = [...handle].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const title = (product?.title ?? handle).replace(/[<&>]/g, "");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800"><rect width="800" height="800" fill="hsl(${hue} 45% 86%)"/><circle cx="400" cy="360" r="170" fill="hsl(${hue} 40% 70%)"/><text x="400" y="650" text-anchor="middle" font-family="sans-serif" font-size="44" fill="hsl(${hue} 40% 25%)">${title}</text></svg>`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Forwards a request to the app; rewrites App Bridge's CDN URL in HTML to the local stand-in. */
function forward(config: DemoConfig, req: IncomingMessage, res: ServerResponse, targetPath: string, body?: Buffer, stripCookies = false) {
  const headers = { ...req.headers };
  delete headers["accept-encoding"];
  if (stripCookies) delete headers.cookie;
  if (body) headers["content-length"] = String(body.length);
  const upstream = http.request(
    { host: "127.0.0.1", port: config.appPort, method: req.method, path: targetPath, headers },
    (upstreamRes) => {
      // The local admin frame stands in for admin.shopify.com: allow it to frame the app.
      const csp = upstreamRes.headers["content-security-policy"];
      if (typeof csp === "string") {
        upstreamRes.headers["content-security-policy"] = csp.replace("frame-ancestors", `frame-ancestors http://${config.host}:${config.port}`);
      }
      const type = String(upstreamRes.headers["content-type"] ?? "");
      if (type.includes("application/liquid")) {
        // Shopify renders an app proxy's Liquid answer inside the theme; so does the preview.
        const chunks: Buffer[] = [];
        upstreamRes.on("data", (c: Buffer) => chunks.push(c));
        upstreamRes.on("end", () => {
          const locale = new URLSearchParams(body?.toString("utf8") ?? "").get("locale") ?? "en";
          import("./storefront/render.ts")
            .then(({ renderProxyLiquid }) =>
              renderProxyLiquid({ liquid: Buffer.concat(chunks).toString("utf8"), shop: config.shop, locale, assetBase: "/storefront/assets" }),
            )
            .then((html) => {
              const retryAfter = upstreamRes.headers["retry-after"];
              res.writeHead(upstreamRes.statusCode ?? 502, { "Content-Type": "text/html; charset=utf-8", ...(retryAfter ? { "Retry-After": retryAfter } : {}) });
              res.end(html);
            })
            .catch((error: unknown) => send(res, 500, `Demo error: ${(error as Error).message}`, "text/plain; charset=utf-8"));
        });
        return;
      }
      if (!type.includes("text/html")) {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upstreamRes.on("data", (c: Buffer) => chunks.push(c));
      upstreamRes.on("end", () => {
        const html = Buffer.concat(chunks)
          .toString("utf8")
          .replaceAll(APP_BRIDGE_CDN, "/__demo/app-bridge.js")
          .replaceAll(INTER_CDN, "/__demo/blank.css");
        const outHeaders = { ...upstreamRes.headers };
        delete outHeaders["content-length"];
        delete outHeaders.link;
        res.writeHead(upstreamRes.statusCode ?? 502, outHeaders);
        res.end(html);
      });
    },
  );
  upstream.on("error", (error) => send(res, 502, `The ReplyReel app server is not answering: ${error.message}`, "text/plain"));
  if (body) upstream.end(body);
  else req.pipe(upstream);
}

async function renderStorefront(config: DemoConfig, url: URL): Promise<string> {
  const { renderStorefrontPage } = await import("./storefront/render.ts");
  const [, , kind, handle] = url.pathname.split("/");
  const page = kind === "pages" && handle === "contact" ? "contact" : "product";
  const product = fixtureProducts.find((p) => p.handle === handle) ?? fixtureProducts[0];
  return renderStorefrontPage({
    page,
    product,
    products: fixtureProducts,
    shop: config.shop,
    // ?blocks=none: the same product page without the content blocks (bench:storefront compares both).
    blocks:
      page === "contact"
        ? [{ type: "contact-form" }]
        : url.searchParams.get("blocks") === "none"
          ? []
          : [
              // ?layout=stories shows the videos block's stories layout instead of the carousel.
              { type: "shoppable-videos", settings: { feed: "videos", layout: url.searchParams.get("layout") === "stories" ? "stories" : "carousel" } },
              { type: "ugc-gallery", settings: { feed: "ugc" } },
            ],
    assetBase: "/storefront/assets",
    proxyBase: "/apps/replyreel",
    // ?locale=zh-CN previews the storefront in another language, as request.locale does on Shopify.
    locale: url.searchParams.get("locale") ?? undefined,
  });
}

function indexPage(config: DemoConfig) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ReplyReel local demo</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:3rem auto;line-height:1.5;color:#303030}a{color:#005bd3}code{background:#f1f1f1;padding:2px 6px;border-radius:4px}</style></head>
<body><h1>ReplyReel local demo</h1>
<p>Demo shop <code>${config.shop}</code>. Nothing here talks to Shopify: the admin frame, App Bridge, the Admin API and the app proxy are local stand-ins.</p>
<ul><li><a href="/admin">Admin: ReplyReel embedded in a local admin frame</a></li>
<li><a href="/storefront">Storefront preview: a product page with the theme app blocks</a></li>
<li><a href="/storefront/pages/contact">Storefront preview: the contact page with the contact-form block</a></li></ul></body></html>`;
}

export function createFrontServer(config: DemoConfig) {
  const handleCart = createCartStore(fixtureProducts);
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const handle = async () => {
      const p = url.pathname;
      if (p === "/" && !url.searchParams.has("shop")) return send(res, 200, indexPage(config));
      if (p === "/admin" || p.startsWith("/admin/")) {
        const html = (await readFile(path.join(publicDir, "admin.html"), "utf8")).replace(
          "<!--DEMO_CONFIG-->",
          `<script id="demo-config" type="application/json">${JSON.stringify({ shop: config.shop, host: adminHostParam(config.shop) })}</script>`,
        );
        return send(res, 200, html);
      }
      if (p === "/favicon.ico") return send(res, 204, "");
      if (p === "/__demo/app-bridge.js") return send(res, 200, await readFile(path.join(publicDir, "app-bridge.js")), contentTypes[".js"]);
      if (p === "/__demo/blank.css") return send(res, 200, "", contentTypes[".css"]);
      if (await handleCart(req, res, p)) return;
      if (p.startsWith("/__demo/media/")) {
        const file = path.join(publicDir, "media", path.basename(p));
        return send(res, 200, await readFile(file), contentTypes[path.extname(file)] ?? "application/octet-stream");
      }
      if (p === "/__demo/products") return send(res, 200, JSON.stringify(fixtureProducts), contentTypes[".json"]);
      if (p === "/__demo/id-token") {
        const shop = url.searchParams.get("shop") || config.shop;
        const token = await mintSessionToken({ shop, apiKey: config.apiKey, secret: config.secret });
        return send(res, 200, JSON.stringify({ token }), contentTypes[".json"]);
      }
      if (p.startsWith("/storefront/assets/")) {
        const file = path.join(extensionAssets, path.basename(p));
        return send(res, 200, await readFile(file), contentTypes[path.extname(file)] ?? "application/octet-stream");
      }
      if (p.startsWith("/storefront/fixtures/")) {
        return send(res, 200, placeholderImage(path.basename(p, ".svg")), contentTypes[".svg"]);
      }
      if (p === "/storefront" || p.startsWith("/storefront/")) return send(res, 200, await renderStorefront(config, url));
      if (p === "/apps/replyreel" || p.startsWith("/apps/replyreel/")) {
        // Shopify forwards /apps/replyreel/<rest> to <app>/proxy/<rest>, signed, without cookies.
        const rest = p.slice("/apps/replyreel".length);
        const query = appProxyQuery({ shop: config.shop, secret: config.secret, extra: url.searchParams });
        const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
        // Shopify passes the shopper's address on; the contact form's per-visitor rate limit keys on it.
        req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
        return forward(config, req, res, `/proxy${rest}?${query.toString()}`, body, true);
      }
      return forward(config, req, res, req.url ?? "/");
    };
    handle().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const status = (error as { code?: string }).code === "ENOENT" ? 404 : 500;
      send(res, status, status === 404 ? "Not found" : `Demo error: ${message}`, "text/plain; charset=utf-8");
    });
  });
}
