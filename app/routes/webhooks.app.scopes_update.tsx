import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { recordShopScopes } from "../models/shop.server.ts";

const Payload = z.object({ current: z.array(z.string()) });

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    const { current } = Payload.parse(payload);
    await recordShopScopes({ shop, scopes: current });
  });
