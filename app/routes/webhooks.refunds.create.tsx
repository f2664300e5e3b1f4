import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { recordRefund } from "../models/attribution.server.ts";

// A refund lowers the order's credited revenue (issue 8).
export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    await recordRefund({ shop, payload });
  });
