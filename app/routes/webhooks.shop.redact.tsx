import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { eraseShop } from "../models/shop.server.ts";

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop }) => {
    await eraseShop({ shop });
  });
