import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookOnce } from "../models/webhook-handler.server.ts";

// Attribution (issue 8) credits the order to content touches here.
export const action = ({ request }: ActionFunctionArgs) => handleWebhookOnce(request, async () => {});
