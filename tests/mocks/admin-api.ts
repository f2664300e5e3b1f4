// The Admin API, answered at the network boundary with fixture data (MSW).
// Used by the Vitest suites and by the local demo's app server; handlers key on
// the GraphQL operation name, as the app's models name every operation.
import { graphql, HttpResponse, type RequestHandler } from "msw";
import { fixtureOrders, fixtureProducts, fixtureVideos } from "../fixtures/shop.ts";

const adminApi = graphql.link(/^https:\/\/[^/]+\.myshopify\.com\/admin\/api\/[^/]+\/graphql\.json$/);

function productNode(product: (typeof fixtureProducts)[number]) {
  return {
    id: product.id,
    handle: product.handle,
    title: product.title,
    vendor: product.vendor,
    description: product.description,
    onlineStoreUrl: `https://demo.example/products/${product.handle}`,
    featuredMedia: { preview: { image: { url: product.image, altText: product.title } } },
    priceRangeV2: { minVariantPrice: { amount: product.price, currencyCode: product.currencyCode } },
    variants: { nodes: product.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, sku: v.sku })) },
  };
}

function orderNode(order: (typeof fixtureOrders)[number]) {
  return {
    id: order.id,
    name: order.name,
    email: order.email,
    createdAt: order.createdAt,
    displayFinancialStatus: order.displayFinancialStatus,
    displayFulfillmentStatus: order.displayFulfillmentStatus,
    totalPriceSet: { shopMoney: { amount: order.totalPrice, currencyCode: order.currencyCode } },
    customer: { firstName: order.customerFirstName, lastName: order.customerLastName, email: order.email },
    lineItems: {
      nodes: order.lineItems.map((li) => ({ title: li.title, quantity: li.quantity, product: { handle: li.productHandle } })),
    },
    fulfillments: order.fulfillments.map((f) => ({
      status: f.status,
      createdAt: f.createdAt,
      trackingInfo: [{ company: f.trackingCompany, number: f.trackingNumber, url: f.trackingUrl }],
    })),
  };
}

/** Parses the tiny subset of Shopify search syntax our models use: `name:1043 email:a@b`. */
function matchesOrderQuery(order: (typeof fixtureOrders)[number], query: string) {
  return query
    .split(/\s+(?:AND\s+)?/)
    .filter(Boolean)
    .every((term) => {
      const [field, raw = ""] = term.split(":");
      const value = raw.replace(/^["#]+|"$/g, "").toLowerCase();
      if (field === "name") return order.name.replace("#", "") === value.replace("#", "");
      if (field === "email") return order.email.toLowerCase() === value;
      return true;
    });
}

export const adminApiHandlers: RequestHandler[] = [
  adminApi.query("ShopInfo", () =>
    HttpResponse.json({
      data: {
        shop: {
          name: "ReplyReel Demo",
          email: "support@replyreel-demo.example",
          currencyCode: "USD",
          primaryDomain: { url: "https://demo.example" },
          ianaTimezone: "Europe/Paris",
        },
      },
    }),
  ),
  adminApi.query("ProductsForPicker", ({ variables }) => {
    const ids = (variables.ids as string[] | undefined) ?? null;
    const nodes = fixtureProducts.filter((p) => !ids || ids.includes(p.id)).map(productNode);
    return HttpResponse.json({ data: { products: { nodes } } });
  }),
  adminApi.query("ProductsByIds", ({ variables }) => {
    const ids = (variables.ids as string[] | undefined) ?? [];
    return HttpResponse.json({ data: { nodes: fixtureProducts.filter((p) => ids.includes(p.id)).map(productNode) } });
  }),
  adminApi.mutation("WebPixelCreate", ({ variables }) =>
    HttpResponse.json({
      data: {
        webPixelCreate: {
          userErrors: [],
          webPixel: { id: "gid://shopify/WebPixel/1", settings: (variables.webPixel as { settings: string }).settings },
        },
      },
    }),
  ),
  adminApi.query("ContentFiles", () =>
    HttpResponse.json({
      data: {
        files: {
          nodes: fixtureVideos.map((v) => ({
            id: v.id,
            alt: v.alt,
            preview: { image: { url: v.poster } },
            sources: [{ url: v.url, mimeType: v.mimeType, format: "webm" }],
          })),
        },
      },
    }),
  ),
  adminApi.query("OrdersForContext", ({ variables }) => {
    const query = String(variables.query ?? "");
    const nodes = fixtureOrders.filter((o) => matchesOrderQuery(o, query)).map(orderNode);
    return HttpResponse.json({ data: { orders: { nodes } } });
  }),
];
