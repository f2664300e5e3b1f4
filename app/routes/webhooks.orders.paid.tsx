import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { recordOrderAttribution } from "../models/attribution.server.ts";

// orders/paid carries the same order: recomputing it changes nothing unless
// refunds or the shop's touches changed (issue 8). It also covers a missed orders/create.
export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    await recordOrderAttribution({ shop, payload });
  });
