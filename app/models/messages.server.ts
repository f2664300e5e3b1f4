// Storing a shopper message, whatever the channel (SPEC §4 "Channels"). A
// message is persisted before anything else happens to it; the pipeline
// (pipeline.server.ts) then classifies and answers it, and can be resumed.
import type { Message } from "@prisma/client";
import { z } from "zod";
import prisma from "../db.server.ts";
import { isUniqueViolation } from "./db-errors.server.ts";

export const CHANNELS = ["contact_form", "email", "import", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** What every channel hands over; channels map their own formats onto this. */
export const MessageInputSchema = z.object({
  channel: z.enum(CHANNELS),
  externalId: z.string().trim().min(1, "is required").max(200),
  source: optionalText(100),
  customerName: optionalText(200),
  customerEmail: z.email("is not an email address").max(254).optional(),
  subject: optionalText(500),
  body: z.string().trim().min(1, "is empty").max(20_000, "is longer than 20,000 characters"),
  html: z.string().max(200_000).optional(),
  emailMessageId: optionalText(998),
  inReplyTo: optionalText(998),
  references: optionalText(8_000),
  receivedAt: z.coerce.date().optional(),
});
export type MessageInput = z.infer<typeof MessageInputSchema>;

export type StoreResult = { created: boolean; message: Message };

/**
 * Persist one message; a redelivery (same shop, channel and external id)
 * returns the stored row with `created: false` and changes nothing.
 */
export async function storeMessage({ shop, input }: { shop: string; input: MessageInput }): Promise<StoreResult> {
  // Insert first: a new message (the common case) costs one statement; a
  // redelivery hits the unique index and reads the stored row instead.
  try {
    const message = await prisma.message.create({
      data: { ...input, shop, receivedAt: input.receivedAt ?? new Date() },
    });
    return { created: true, message };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = await prisma.message.findUniqueOrThrow({
      where: { shop_channel_externalId: { shop, channel: input.channel, externalId: input.externalId } },
    });
    return { created: false, message };
  }
}
