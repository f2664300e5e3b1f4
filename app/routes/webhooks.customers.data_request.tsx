import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { CustomersDataRequestPayloadSchema, gatherCustomerData } from "../models/compliance.server.ts";

// Mandatory compliance topic: gathers what ReplyReel stores about the shopper.
// Shopify expects the merchant to hand it over; the log line says how much
// there is (counts only: shopper text never goes to the logs).
export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    const data = await gatherCustomerData({ shop, payload: CustomersDataRequestPayloadSchema.parse(payload) });
    const counts = { messages: data.messages.length, replies: data.replies.length, conversations: data.conversations.length, examples: data.examples.length, attributedOrders: data.attributedOrders.length };
    console.info(`customers/data_request ${shop} request ${data.requestId ?? "-"}: ${JSON.stringify(counts)}`);
  });
