// The parts of Shopify's order and refund webhook payloads attribution reads
// (orders/create, orders/paid, refunds/create; API 2025-10). Unknown fields
// are ignored; what we read is validated.
import { z } from "zod";
import { toMinor } from "../report/money.ts";
import type { OrderFacts } from "./touches.ts";

// Numbers beyond 2^53 (Shopify's documentation samples) are taken as JSON.parse read them.
const id = z.union([z.string().trim().min(1).max(100), z.number().nonnegative()]).transform((v) => (typeof v === "number" ? BigInt(Math.trunc(v)).toString() : v));
const money = z.union([z.string(), z.number()]).nullish();
const nameValue = z
  .array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() }))
  .nullish()
  .transform((pairs) => Object.fromEntries((pairs ?? []).map((p) => [p.name, p.value == null ? "" : String(p.value)])));

const RefundSchema = z.object({
  id,
  order_id: id.optional(),
  transactions: z
    .array(z.object({ kind: z.string().nullish(), status: z.string().nullish(), amount: money }))
    .nullish(),
  refund_line_items: z.array(z.object({ subtotal: money, total_tax: money })).nullish(),
});
export type RefundPayload = z.infer<typeof RefundSchema>;
export const RefundPayloadSchema = RefundSchema.extend({ order_id: id });

export const OrderPayloadSchema = z.object({
  id,
  name: z.string().nullish(),
  created_at: z.coerce.date(),
  currency: z.string().regex(/^[A-Z]{3}$/, "is not an ISO 4217 currency code"),
  total_price: money,
  email: z.string().nullish(),
  landing_site: z.string().nullish(),
  note_attributes: nameValue,
  line_items: z
    .array(
      z.object({
        product_id: z.union([z.string(), z.number()]).nullish(),
        properties: nameValue,
      }),
    )
    .nullish(),
  refunds: z.array(RefundSchema).nullish(),
});
export type OrderPayload = z.infer<typeof OrderPayloadSchema>;

/** Amount of one refund: its successful refund transactions, else its line items' subtotal and tax. */
export function refundAmountMinor(refund: RefundPayload, currency: string): number {
  const transactions = (refund.transactions ?? []).filter(
    (t) => (t.kind ?? "refund") === "refund" && (t.status ?? "success") === "success",
  );
  if (transactions.length > 0) return transactions.reduce((sum, t) => sum + toMinor(t.amount, currency), 0);
  return (refund.refund_line_items ?? []).reduce(
    (sum, line) => sum + toMinor(line.subtotal, currency) + toMinor(line.total_tax, currency),
    0,
  );
}

/** Refunds by id, so the same refund seen twice (its webhook and the order's refunds[]) counts once. */
export function refundsById(refunds: RefundPayload[] | null | undefined, currency: string): Record<string, number> {
  return Object.fromEntries((refunds ?? []).map((r) => [r.id, refundAmountMinor(r, currency)]));
}

export function sumRefunds(refunds: Record<string, number>) {
  return Object.values(refunds).reduce((sum, v) => sum + v, 0);
}

/** Shopify GIDs and numeric ids name the same product: keep the number. */
export function productKey(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const match = /(\d+)$/.exec(String(value));
  return match ? match[1] : String(value);
}

export function orderFacts(payload: OrderPayload, refundedMinor: number): OrderFacts {
  return {
    id: payload.id,
    name: payload.name ?? null,
    createdAt: payload.created_at.getTime(),
    totalMinor: toMinor(payload.total_price, payload.currency),
    refundedMinor,
    currency: payload.currency,
    lineItems: (payload.line_items ?? []).map((line) => ({ productId: productKey(line.product_id), properties: line.properties })),
    noteAttributes: payload.note_attributes,
    landingSite: payload.landing_site ?? null,
  };
}
