import { Prisma } from "@prisma/client";
import prisma from "../db.server.ts";

/**
 * Claims a webhook delivery. Returns false when the same event
 * (X-Shopify-Event-Id, or the webhook id when absent) was already processed:
 * Shopify redelivers up to 8 times over 4 hours.
 */
export async function claimWebhookEvent({
  shop,
  eventId,
  topic,
}: {
  shop: string;
  eventId: string;
  topic: string;
}): Promise<boolean> {
  try {
    await prisma.webhookEvent.create({ data: { shop, eventId, topic } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Releases a claim so Shopify's retry can process the event after a failure. */
export async function releaseWebhookEvent({ shop, eventId }: { shop: string; eventId: string }) {
  await prisma.webhookEvent.deleteMany({ where: { shop, eventId } });
}

export async function pruneWebhookEvents({ olderThan }: { olderThan: Date }) {
  const { count } = await prisma.webhookEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } });
  return count;
}

function isUniqueViolation(error: unknown) {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") ||
    (error instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(error.message))
  );
}
