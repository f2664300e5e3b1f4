import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { CustomersRedactPayloadSchema, redactCustomer } from "../models/compliance.server.ts";

// Mandatory compliance topic: erases the shopper's messages, replies,
// conversations and labelled examples (by email and by the orders named).
export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    const erased = await redactCustomer({ shop, payload: CustomersRedactPayloadSchema.parse(payload) });
    console.info(`customers/redact ${shop}: ${JSON.stringify(erased)}`);
  });
