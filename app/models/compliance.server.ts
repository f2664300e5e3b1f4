// Mandatory compliance webhooks (SPEC §8): customers/redact erases what we
// hold about one shopper, customers/data_request gathers it, shop/redact
// (shop.server.ts eraseShop) erases the whole shop. A shopper is found by
// email and by the orders named in the payload (messages whose order context
// or conversation names one of them).
import { z } from "zod";
import prisma from "../db.server.ts";

const CustomerSchema = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

export const CustomersRedactPayloadSchema = z.object({
  shop_domain: z.string().optional(),
  customer: CustomerSchema,
  orders_to_redact: z.array(z.union([z.number(), z.string()])).default([]),
});
export type CustomersRedactPayload = z.input<typeof CustomersRedactPayloadSchema>;

export const CustomersDataRequestPayloadSchema = z.object({
  shop_domain: z.string().optional(),
  customer: CustomerSchema,
  orders_requested: z.array(z.union([z.number(), z.string()])).default([]),
  data_request: z
    .object({ id: z.union([z.number(), z.string()]) })
    .partial()
    .optional(),
});
export type CustomersDataRequestPayload = z.input<typeof CustomersDataRequestPayloadSchema>;

function orderGid(id: number | string): string {
  const text = String(id);
  return text.startsWith("gid://") ? text : `gid://shopify/Order/${text}`;
}

/** The ids of the shop's messages (and conversations) that belong to the customer. */
async function customerFootprint(shop: string, email: string | null | undefined, orderIds: readonly (number | string)[]) {
  const emails = email ? [...new Set([email, email.toLowerCase()])] : [];
  const gids = orderIds.map(orderGid);
  const byOrder = gids.map((gid) => ({ orderContext: { contains: `"id":"${gid}"` } }));
  const messages = await prisma.message.findMany({
    where: { shop, OR: [...(emails.length ? [{ customerEmail: { in: emails } }] : []), ...byOrder] },
    select: { id: true, conversationId: true },
  });
  if (emails.length === 0 && byOrder.length === 0) return { messageIds: [], conversationIds: [], emails };
  const conversations = await prisma.conversation.findMany({
    where: {
      shop,
      OR: [
        ...(emails.length ? [{ customerEmail: { in: emails } }] : []),
        { id: { in: messages.map((m) => m.conversationId).filter((id): id is string => id !== null) } },
      ],
    },
    select: { id: true },
  });
  const conversationIds = conversations.map((c) => c.id);
  // Every message of those conversations is the customer's too (threaded by their email headers).
  const threaded = await prisma.message.findMany({ where: { shop, conversationId: { in: conversationIds } }, select: { id: true } });
  const messageIds = [...new Set([...messages.map((m) => m.id), ...threaded.map((m) => m.id)])];
  return { messageIds, conversationIds, emails };
}

export type RedactResult = { messages: number; replies: number; conversations: number; examples: number; attributedOrders: number };

export async function redactCustomer({ shop, payload }: { shop: string; payload: CustomersRedactPayload }): Promise<RedactResult> {
  const { customer, orders_to_redact } = CustomersRedactPayloadSchema.parse(payload);
  const { messageIds, conversationIds, emails } = await customerFootprint(shop, customer.email, orders_to_redact);
  const gids = orders_to_redact.map(orderGid);
  const [examples, replies, messages, conversations, attributedOrders] = await prisma.$transaction([
    prisma.intentExample.deleteMany({ where: { shop, messageId: { in: messageIds } } }),
    prisma.reply.deleteMany({ where: { shop, OR: [{ messageId: { in: messageIds } }, { conversationId: { in: conversationIds } }] } }),
    prisma.message.deleteMany({ where: { shop, id: { in: messageIds } } }),
    prisma.conversation.deleteMany({ where: { shop, id: { in: conversationIds } } }),
    // Attributed orders keep their revenue for the report but lose the shopper's email.
    prisma.attributedOrder.updateMany({
      where: { shop, OR: [...(emails.length ? [{ customerEmail: { in: emails } }] : []), { orderId: { in: [...gids, ...orders_to_redact.map(String)] } }] },
      data: { customerEmail: null },
    }),
  ]);
  return {
    messages: messages.count,
    replies: replies.count,
    conversations: conversations.count,
    examples: examples.count,
    attributedOrders: attributedOrders.count,
  };
}

/** Everything stored about one shopper, as JSON for the merchant to hand over. */
export async function gatherCustomerData({ shop, payload }: { shop: string; payload: CustomersDataRequestPayload }) {
  const { customer, orders_requested, data_request } = CustomersDataRequestPayloadSchema.parse(payload);
  const { messageIds, conversationIds, emails } = await customerFootprint(shop, customer.email, orders_requested);
  const gids = orders_requested.map(orderGid);
  const [messages, replies, conversations, examples, attributedOrders] = await Promise.all([
    prisma.message.findMany({
      where: { shop, id: { in: messageIds } },
      orderBy: { receivedAt: "asc" },
      select: {
        id: true,
        channel: true,
        source: true,
        customerName: true,
        customerEmail: true,
        subject: true,
        body: true,
        language: true,
        intent: true,
        receivedAt: true,
        status: true,
        orderContext: true,
      },
    }),
    prisma.reply.findMany({
      where: { shop, messageId: { in: messageIds } },
      orderBy: { createdAt: "asc" },
      select: { id: true, messageId: true, body: true, channel: true, status: true, sentAt: true },
    }),
    prisma.conversation.findMany({
      where: { shop, id: { in: conversationIds } },
      select: { id: true, customerEmail: true, customerName: true, orderName: true, subject: true, createdAt: true },
    }),
    prisma.intentExample.findMany({ where: { shop, messageId: { in: messageIds } }, select: { messageId: true, text: true, label: true, createdAt: true } }),
    prisma.attributedOrder.findMany({
      where: { shop, OR: [...(emails.length ? [{ customerEmail: { in: emails } }] : []), { orderId: { in: [...gids, ...orders_requested.map(String)] } }] },
      select: { orderId: true, orderName: true, customerEmail: true, totalMinor: true, currency: true, processedAt: true },
    }),
  ]);
  return {
    shop,
    requestId: data_request?.id ?? null,
    customer: { id: customer.id ?? null, email: customer.email ?? null },
    generatedAt: new Date().toISOString(),
    messages: messages.map((m) => ({ ...m, orderContext: m.orderContext ? (JSON.parse(m.orderContext) as unknown) : null })),
    replies,
    conversations,
    examples,
    attributedOrders,
  };
}
