import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";

// Mandatory compliance topic. The inbox (issue 5) gathers the customer's
// messages and replies here; until then ReplyReel stores no customer data.
export const action = ({ request }: ActionFunctionArgs) => handleWebhookOnce(request, async () => {});
