// The web pixel's logic (extensions/web-pixel/src/pixel.js) in a stand-in of
// Shopify's pixel sandbox API; its report goes over the network to MSW.
import { beforeEach, expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import { mockServer } from "../setup/setup-test-env.ts";
// @ts-expect-error plain JavaScript module of the pixel extension
import { createPixel } from "../../extensions/web-pixel/src/pixel.js";

type Handler = (event: unknown) => Promise<void>;

function sandbox({ analyticsAllowed = true } = {}) {
  const handlers = new Map<string, Handler>();
  const store = new Map<string, string>();
  let consent: ((e: unknown) => void) | undefined;
  const api = {
    analytics: { subscribe: (name: string, fn: Handler) => handlers.set(name, fn) },
    browser: {
      localStorage: {
        getItem: async (k: string) => store.get(k) ?? null,
        setItem: async (k: string, v: string) => void store.set(k, v),
        removeItem: async (k: string) => void store.delete(k),
      },
    },
    init: { customerPrivacy: { analyticsProcessingAllowed: analyticsAllowed }, data: { shop: { myshopifyDomain: "demo.myshopify.com" } }, context: { document: { location: { origin: "https://demo.example" } } } },
    customerPrivacy: { subscribe: (_: string, fn: (e: unknown) => void) => (consent = fn) },
  };
  createPixel(api);
  return { handlers, store, withdraw: () => consent?.({ customerPrivacy: { analyticsProcessingAllowed: false } }) };
}

let received: { url: string; body: string }[] = [];
beforeEach(() => {
  received = [];
  mockServer.use(
    http.post("https://demo.myshopify.com/apps/replyreel/pixel", async ({ request }) => {
      received.push({ url: request.url, body: await request.text() });
      return HttpResponse.json({ ok: true });
    }),
  );
});

const now = new Date().toISOString();
const touch = (type: string, item: string) => ({ timestamp: now, customData: { item, feed: "f1", utm: { source: "replyreel" } } });
const checkout = { timestamp: now, data: { checkout: { order: { id: "5000001042" } } } };

test("a completed checkout is sent once with the touches the blocks published", async () => {
  const { handlers } = sandbox();
  await handlers.get("replyreel:click")!(touch("click", "i1"));
  await handlers.get("replyreel:add_to_cart")!(touch("add_to_cart", "i2"));
  await handlers.get("checkout_completed")!(checkout);
  expect(received).toHaveLength(1);
  expect(received[0].url).toBe("https://demo.myshopify.com/apps/replyreel/pixel");
  const body = JSON.parse(received[0].body);
  expect(body.orderId).toBe("5000001042");
  expect(body.touches.map((t: { type: string; item: string }) => `${t.type}:${t.item}`)).toEqual(["click:i1", "add_to_cart:i2"]);
  await handlers.get("checkout_completed")!(checkout);
  expect(received).toHaveLength(1); // touches were cleared: nothing left to send
});

test("without analytics consent nothing is kept or sent", async () => {
  const { handlers, store } = sandbox({ analyticsAllowed: false });
  await handlers.get("replyreel:click")!(touch("click", "i1"));
  await handlers.get("checkout_completed")!(checkout);
  expect(store.size).toBe(0);
  expect(received).toHaveLength(0);
});

test("withdrawing consent forgets the stored touches", async () => {
  const { handlers, store, withdraw } = sandbox();
  await handlers.get("replyreel:play")!(touch("play", "i1"));
  expect(store.size).toBe(1);
  withdraw();
  await handlers.get("checkout_completed")!(checkout);
  expect(store.size).toBe(0);
  expect(received).toHaveLength(0);
});
