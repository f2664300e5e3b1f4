// Order context for a reply (SPEC §4 "Pipeline"): the order a message is
// about, from the Admin API, by its number and the sender's email. Failures
// come back as a reason; the message is answered without order data.
import { z } from "zod";
import type { OrderContext, StoredOrderContext } from "../core/inbox/order-context.ts";
import { unauthenticated } from "../shopify.server.ts";

/** admin.graphql's shape; a test or a route can pass its own. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<{ json(): Promise<unknown> }>;

export const ORDERS_FOR_CONTEXT_QUERY = `#graphql
  query OrdersForContext($query: String!, $first: Int!) {
    orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        email
        createdAt
        cancelledAt
        displayFinancialStatus
        displayFulfillmentStatus
        totalPriceSet { shopMoney { amount currencyCode } }
        customer { firstName lastName email }
        lineItems(first: 20) { nodes { title quantity product { handle onlineStoreUrl } } }
        fulfillments(first: 10) { status createdAt trackingInfo(first: 5) { company number url } }
      }
    }
  }`;

const OrderNodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullish(),
  createdAt: z.string(),
  cancelledAt: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  totalPriceSet: z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }).nullish(),
  customer: z.object({ firstName: z.string().nullish(), lastName: z.string().nullish(), email: z.string().nullish() }).nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        title: z.string(),
        quantity: z.number(),
        product: z.object({ handle: z.string(), onlineStoreUrl: z.string().nullish() }).nullish(),
      })
    ),
  }),
  fulfillments: z.array(
    z.object({
      status: z.string().nullish(),
      createdAt: z.string().nullish(),
      trackingInfo: z.array(z.object({ company: z.string().nullish(), number: z.string().nullish(), url: z.string().nullish() })),
    })
  ),
});

const ResponseSchema = z.object({
  data: z.object({ orders: z.object({ nodes: z.array(OrderNodeSchema) }) }).nullish(),
  errors: z.unknown().optional(),
});

function toOrderContext(shop: string, node: z.infer<typeof OrderNodeSchema>): OrderContext {
  return {
    id: node.id,
    name: node.name,
    email: node.email ?? node.customer?.email ?? null,
    createdAt: node.createdAt,
    cancelledAt: node.cancelledAt ?? null,
    financialStatus: node.displayFinancialStatus ?? null,
    fulfillmentStatus: node.displayFulfillmentStatus ?? null,
    total: node.totalPriceSet?.shopMoney ?? null,
    customer: node.customer ? { firstName: node.customer.firstName ?? null, lastName: node.customer.lastName ?? null } : null,
    lineItems: node.lineItems.nodes.map((li) => ({
      title: li.title,
      quantity: li.quantity,
      handle: li.product?.handle ?? null,
      // A product not published to the online store has no URL; the shop's
      // own domain redirects /products/<handle> to its primary domain.
      url: li.product ? li.product.onlineStoreUrl ?? `https://${shop}/products/${li.product.handle}` : null,
    })),
    fulfillments: node.fulfillments.map((f) => ({
      status: f.status ?? null,
      createdAt: f.createdAt ?? null,
      tracking: f.trackingInfo.map((t) => ({ company: t.company ?? null, number: t.number ?? null, url: t.url ?? null })),
    })),
  };
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, "")}"`;
}

/** The shop's admin.graphql from its offline session (for work outside a request: channels, the pipeline). */
export async function offlineGraphql(shop: string): Promise<AdminGraphql> {
  const { admin } = await unauthenticated.admin(shop);
  return admin.graphql as unknown as AdminGraphql;
}

/**
 * Finds the order a message is about: by number and email when both are
 * known (an order number alone is answered too, but marked, so it is never
 * sent automatically), or the sender's latest order when only the email is.
 */
export async function fetchOrderContext({
  shop,
  orderNumber,
  email,
  graphql,
}: {
  shop: string;
  orderNumber?: string | null;
  email?: string | null;
  graphql?: AdminGraphql;
}): Promise<StoredOrderContext> {
  if (!orderNumber && !email) return { status: "skipped", reason: "no order number or email to look up" };
  const terms = [orderNumber ? `name:${orderNumber.replace(/^#/, "")}` : null, email ? `email:${quote(email)}` : null].filter(Boolean);
  const query = terms.join(" AND ");
  let admin: AdminGraphql;
  try {
    admin = graphql ?? (await offlineGraphql(shop));
  } catch (error) {
    return { status: "error", reason: `no Admin API access for ${shop}: ${describe(error)}` };
  }
  try {
    const found = await search(shop, admin, query);
    if (found) return { status: "found", match: orderNumber && email ? "number_and_email" : orderNumber ? "number" : "latest_by_email", order: found };
    if (orderNumber && email) {
      // The number exists but belongs to someone else: say so without revealing it.
      return { status: "not_found", query: `order ${orderNumber} for ${email}` };
    }
    return { status: "not_found", query };
  } catch (error) {
    return { status: "error", reason: `Admin API: ${describe(error)}` };
  }
}

async function search(shop: string, admin: AdminGraphql, query: string): Promise<OrderContext | null> {
  const response = await admin(ORDERS_FOR_CONTEXT_QUERY, { variables: { query, first: 1 } });
  const body = ResponseSchema.parse(await response.json());
  if (!body.data) throw new Error(`no data in the response${body.errors ? `: ${JSON.stringify(body.errors).slice(0, 300)}` : ""}`);
  const node = body.data.orders.nodes[0];
  return node ? toOrderContext(shop, node) : null;
}

function describe(error: unknown): string {
  if (error instanceof Response) return `HTTP ${error.status}`;
  if (error instanceof z.ZodError) return `unexpected response shape (${error.issues[0]?.path.join(".")}: ${error.issues[0]?.message})`;
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
