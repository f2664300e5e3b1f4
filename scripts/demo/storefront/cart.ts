// The Ajax Cart API (/cart.js, /cart/add.js, /cart/update.js) emulated in memory
// for the storefront preview, one cart per visitor cookie, with the parts the
// content blocks use: line item properties and cart attributes (issue 7).
// https://shopify.dev/docs/api/ajax/reference/cart
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FixtureProduct } from "../../../tests/fixtures/shop.ts";

type Line = {
  id: number;
  variant_id: number;
  product_id: number;
  handle: string;
  title: string;
  variant_title: string;
  quantity: number;
  price: number;
  line_price: number;
  properties: Record<string, string>;
  key: string;
};
export type DemoCart = { token: string; items: Line[]; attributes: Record<string, string>; item_count: number; total_price: number; currency: string };

const COOKIE = "cart";
const numeric = (gid: string) => Number(/(\d+)$/.exec(gid)?.[1] ?? 0);

export function createCartStore(products: FixtureProduct[]) {
  const carts = new Map<string, DemoCart>();
  const variants = new Map(
    products.flatMap((p) => p.variants.map((v) => [numeric(v.id), { product: p, variant: v }] as const)),
  );

  function cartFor(req: IncomingMessage, res: ServerResponse) {
    const token = /(?:^|;\s*)cart=([\w-]+)/.exec(req.headers.cookie ?? "")?.[1];
    let cart = token ? carts.get(token) : undefined;
    if (!cart) {
      cart = { token: token ?? randomBytes(12).toString("hex"), items: [], attributes: {}, item_count: 0, total_price: 0, currency: "USD" };
      carts.set(cart.token, cart);
      res.setHeader("Set-Cookie", `${COOKIE}=${cart.token}; Path=/; HttpOnly; SameSite=Lax`);
    }
    return cart;
  }

  function totals(cart: DemoCart) {
    cart.item_count = cart.items.reduce((n, l) => n + l.quantity, 0);
    cart.total_price = cart.items.reduce((n, l) => n + l.line_price, 0);
  }

  function reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  }

  function add(cart: DemoCart, input: unknown) {
    const items = (input as { items?: unknown[] })?.items ?? [input];
    const added: Line[] = [];
    for (const raw of items) {
      const { id, quantity = 1, properties = {} } = (raw ?? {}) as { id?: number | string; quantity?: number; properties?: Record<string, string> };
      const found = variants.get(Number(id));
      if (!found) return { error: { status: 404, message: "Cart Error", description: `Variant ${String(id)} not found` } };
      const price = Math.round(Number.parseFloat(found.variant.price) * 100);
      const key = `${numeric(found.variant.id)}:${JSON.stringify(properties)}`;
      let line = cart.items.find((l) => l.key === key);
      if (line) line.quantity += Number(quantity);
      else {
        line = {
          id: numeric(found.variant.id),
          variant_id: numeric(found.variant.id),
          product_id: numeric(found.product.id),
          handle: found.product.handle,
          title: `${found.product.title} - ${found.variant.title}`,
          variant_title: found.variant.title,
          quantity: Number(quantity),
          price,
          line_price: 0,
          properties: { ...properties },
          key,
        };
        cart.items.push(line);
      }
      line.line_price = line.price * line.quantity;
      added.push(line);
    }
    totals(cart);
    return { items: added };
  }

  /** Answers the request when it is an Ajax Cart API call; false otherwise. */
  return async function handleCart(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (path !== "/cart.js" && path !== "/cart/add.js" && path !== "/cart/update.js" && path !== "/cart/clear.js") return false;
    const cart = cartFor(req, res);
    if (req.method === "GET") {
      if (path !== "/cart.js") return (reply(res, 405, { message: "POST" }), true);
      reply(res, 200, cart);
      return true;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: unknown = {};
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    } catch {
      reply(res, 400, { status: 400, message: "Bad Request", description: "expected JSON" });
      return true;
    }
    if (path === "/cart/add.js") {
      const result = add(cart, body);
      if (result.error) reply(res, result.error.status, result.error);
      else reply(res, 200, result);
      return true;
    }
    if (path === "/cart/update.js") {
      const attributes = (body as { attributes?: Record<string, string> }).attributes ?? {};
      for (const [k, v] of Object.entries(attributes)) {
        if (v === "" || v === null) delete cart.attributes[k];
        else cart.attributes[k] = String(v);
      }
      reply(res, 200, cart);
      return true;
    }
    cart.items = [];
    cart.attributes = {};
    totals(cart);
    reply(res, 200, cart);
    return true;
  };
}
