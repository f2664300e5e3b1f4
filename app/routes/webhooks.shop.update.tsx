// shop/update: the merchant changed the store's settings; its time zone sets
// the report's days (the payload is the REST shop, with `iana_timezone`).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";
import { recordShopTimeZone } from "../models/shop-time-zone.server.ts";

const Payload = z.object({ iana_timezone: z.string().optional() });

export const action = ({ request }: ActionFunctionArgs) =>
  handleWebhookOnce(request, async ({ shop, payload }) => {
    const { iana_timezone } = Payload.parse(payload);
    if (iana_timezone !== undefined) await recordShopTimeZone({ shop, ianaTimezone: iana_timezone });
  });
