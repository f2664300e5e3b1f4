// Conversations: a customer's messages and our replies, threaded by email
// headers (In-Reply-To / References, matching our own replies' Message-IDs
// too), else by the customer's email within a month.
import { randomUUID } from "node:crypto";
import type { Conversation, Message, Prisma } from "@prisma/client";
import prisma from "../db.server.ts";
import { normaliseMessageId, threadCandidates } from "../core/inbox/threading.ts";

const SAME_CUSTOMER_WINDOW_MS = 30 * 86_400_000;

type Threadable = Pick<
  Message,
  "id" | "shop" | "conversationId" | "customerEmail" | "customerName" | "subject" | "emailMessageId" | "inReplyTo" | "references" | "receivedAt"
>;

// A customer's messages still waiting for an answer (urgency counts repeated contact).
const OPEN_STATUSES = ["new", "suggested"];

async function findConversation(shop: string, message: Threadable): Promise<{ id: string; openMessages?: number } | null> {
  const ids = threadCandidates(message);
  if (ids.length > 0) {
    const [earlier, reply, root] = await Promise.all([
      prisma.message.findFirst({
        where: { shop, emailMessageId: { in: ids }, conversationId: { not: null }, id: { not: message.id } },
        select: { conversationId: true },
      }),
      prisma.reply.findFirst({ where: { shop, emailMessageId: { in: ids }, conversationId: { not: null } }, select: { conversationId: true } }),
      prisma.conversation.findFirst({ where: { shop, threadKey: { in: ids } }, select: { id: true } }),
    ]);
    const found = earlier?.conversationId ?? reply?.conversationId ?? root?.id;
    if (found) return { id: found };
  }
  if (message.customerEmail) {
    const recent = await prisma.conversation.findFirst({
      where: { shop, customerEmail: message.customerEmail, lastMessageAt: { gte: new Date(message.receivedAt.getTime() - SAME_CUSTOMER_WINDOW_MS) } },
      orderBy: { lastMessageAt: "desc" },
      // The open-message count comes with it: one statement instead of two on the contact form's path.
      select: { id: true, _count: { select: { messages: { where: { status: { in: OPEN_STATUSES } } } } } },
    });
    if (recent) return { id: recent.id, openMessages: recent._count.messages };
  }
  return null;
}

export type ThreadPlan =
  | {
      kind: "existing";
      id: string;
      receivedAt: Date;
      customerName: string | null;
      /** The conversation's other messages waiting for an answer, when the lookup counted them. */
      openMessages?: number;
    }
  | { kind: "new"; id: string; data: Prisma.ConversationUncheckedCreateInput };

/** Where a message belongs (reads only): an existing conversation, or a new one to create. */
export async function planThread({ shop, message }: { shop: string; message: Threadable }): Promise<ThreadPlan> {
  const existing = message.conversationId ? { id: message.conversationId } : await findConversation(shop, message);
  if (existing) return { kind: "existing", ...existing, receivedAt: message.receivedAt, customerName: message.customerName };
  const id = randomUUID();
  return {
    kind: "new",
    id,
    data: {
      id,
      shop,
      customerEmail: message.customerEmail,
      customerName: message.customerName,
      subject: message.subject,
      threadKey: threadCandidates(message).at(-1) ?? normaliseMessageId(message.emailMessageId),
      lastMessageAt: message.receivedAt,
    },
  };
}

/** The writes a plan needs, to run in the same transaction as the message's own update (one commit). */
export function threadWrites(shop: string, plan: ThreadPlan, { orderName }: { orderName?: string | null } = {}): Prisma.PrismaPromise<unknown>[] {
  if (plan.kind === "new") return [prisma.conversation.create({ data: { ...plan.data, ...(orderName ? { orderName } : {}) } })];
  return [
    prisma.conversation.updateMany({
      where: { shop, id: plan.id, lastMessageAt: { lt: plan.receivedAt } },
      data: { lastMessageAt: plan.receivedAt, ...(plan.customerName ? { customerName: plan.customerName } : {}) },
    }),
    // The order the conversation is about: the first one a message named.
    ...(orderName ? [prisma.conversation.updateMany({ where: { shop, id: plan.id, orderName: null }, data: { orderName } })] : []),
  ];
}

/** Puts a message into its conversation (an existing one, or a new one); returns the conversation id. */
export async function threadMessage({ shop, message }: { shop: string; message: Threadable }): Promise<string> {
  if (message.conversationId) return message.conversationId;
  const plan = await planThread({ shop, message });
  await prisma.$transaction([...threadWrites(shop, plan), prisma.message.updateMany({ where: { shop, id: message.id }, data: { conversationId: plan.id } })]);
  return plan.id;
}

export type ConversationThread = Conversation & {
  messages: Message[];
  replies: {
    id: string;
    messageId: string;
    body: string;
    author: string;
    channel: string;
    status: string;
    error: string | null;
    sentAt: Date | null;
    createdAt: Date;
  }[];
};

/** A conversation with its messages and replies, oldest first (for the message view). */
export async function getConversation({ shop, id }: { shop: string; id: string }): Promise<ConversationThread | null> {
  return prisma.conversation.findFirst({
    where: { shop, id },
    include: {
      messages: { where: { shop }, orderBy: { receivedAt: "asc" } },
      replies: {
        where: { shop },
        orderBy: { createdAt: "asc" },
        select: { id: true, messageId: true, body: true, author: true, channel: true, status: true, error: true, sentAt: true, createdAt: true },
      },
    },
  });
}
