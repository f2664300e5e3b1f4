// The pixel's logic, given the sandbox's API (analytics, browser, init,
// customerPrivacy). Touches published by the blocks (replyreel:click, :play,
// :add_to_cart) are kept for 7 days in the pixel's storage; checkout_completed
// sends the order id with them to <proxyPath>/pixel (default /apps/replyreel), once.
export const TOUCH_TYPES = ["click", "play", "add_to_cart"];
const KEY = "replyreel:touches";
const WINDOW_MS = 7 * 86_400_000;
const MAX_TOUCHES = 20;

export function createPixel({ analytics, browser, init, customerPrivacy }) {
  let allowed = init.customerPrivacy ? init.customerPrivacy.analyticsProcessingAllowed !== false : true;
  if (customerPrivacy && customerPrivacy.subscribe) {
    customerPrivacy.subscribe("visitorConsentCollected", (event) => {
      allowed = event.customerPrivacy.analyticsProcessingAllowed !== false;
      if (!allowed) browser.localStorage.removeItem(KEY);
    });
  }

  async function readTouches(now) {
    try {
      const list = JSON.parse((await browser.localStorage.getItem(KEY)) || "[]");
      return Array.isArray(list) ? list.filter((t) => now - Date.parse(t.time) < WINDOW_MS) : [];
    } catch {
      return [];
    }
  }

  for (const type of TOUCH_TYPES) {
    analytics.subscribe(`replyreel:${type}`, async (event) => {
      if (!allowed) return;
      const data = event.customData || {};
      const now = Date.parse(event.timestamp) || Date.now();
      const touches = await readTouches(now);
      touches.push({ type, item: data.item, feed: data.feed, product: data.product, utm: data.utm, time: new Date(now).toISOString() });
      await browser.localStorage.setItem(KEY, JSON.stringify(touches.slice(-MAX_TOUCHES)));
    });
  }

  analytics.subscribe("checkout_completed", async (event) => {
    if (!allowed) return;
    const order = event.data && event.data.checkout && event.data.checkout.order;
    if (!order || !order.id) return;
    const touches = await readTouches(Date.parse(event.timestamp) || Date.now());
    if (touches.length === 0) return;
    const shop = init.data && init.data.shop && init.data.shop.myshopifyDomain;
    const origin = shop ? `https://${shop}` : init.context.document.location.origin;
    // text/plain keeps it a simple request (no CORS preflight from the sandbox).
    const proxyPath = (init.settings && init.settings.proxyPath) || "/apps/replyreel";
    await fetch(`${origin}${proxyPath}/pixel`, {
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ orderId: String(order.id), touches }),
    });
    await browser.localStorage.removeItem(KEY);
  });
}
