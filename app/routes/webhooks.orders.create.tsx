import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { recordOrderAttribution } from "../models/attribution.server.ts";
import { pruneEventsIfDue } from "../models/rollups-orders.server.ts";

// Attribution (issue 8): credits the order to content touches and reply links.
export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    await recordOrderAttribution({ shop, payload });
    await pruneEventsIfDue({ shop });
  });
