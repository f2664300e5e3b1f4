// The merchant's content costs, for ROAS (issue 8): per content item, per UTM
// campaign, or for a period alone (counted in the totals only).
import { z } from "zod";
import prisma from "../db.server.ts";
import { isDay } from "../core/report/metrics.ts";
import { toMinor } from "../core/report/money.ts";
import { getAttributionSettings } from "./attribution.server.ts";

const day = z.string().refine(isDay, "is not a date (YYYY-MM-DD)");

export const CostInputSchema = z
  .object({
    target: z.enum(["item", "campaign", "period"]),
    itemId: z.string().trim().max(100).optional(),
    utmCampaign: z.string().trim().max(200).optional(),
    startsOn: day,
    endsOn: day,
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,3})?$/, "is not an amount (e.g. 250.00)"),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "is before the start date" });
    if (value.target === "item" && !value.itemId) ctx.addIssue({ code: "custom", path: ["itemId"], message: "choose a content item" });
    if (value.target === "campaign" && !value.utmCampaign) ctx.addIssue({ code: "custom", path: ["utmCampaign"], message: "enter the UTM campaign" });
  });
export type CostInput = z.infer<typeof CostInputSchema>;

export async function createCost({ shop, input }: { shop: string; input: CostInput }) {
  const { currency } = await getAttributionSettings({ shop });
  if (input.target === "item") {
    const item = await prisma.contentItem.findFirst({ where: { shop, id: input.itemId }, select: { id: true } });
    if (!item) throw new z.ZodError([{ code: "custom", path: ["itemId"], message: "no such content item", input: input.itemId }]);
  }
  return prisma.contentCost.create({
    data: {
      shop,
      itemId: input.target === "item" ? input.itemId : null,
      utmCampaign: input.target === "campaign" ? input.utmCampaign : null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      costMinor: toMinor(input.amount, currency),
      note: input.note || null,
    },
  });
}

export async function deleteCost({ shop, id }: { shop: string; id: string }) {
  const { count } = await prisma.contentCost.deleteMany({ where: { shop, id } });
  return count > 0;
}

/** Costs whose period overlaps the range (both ends inclusive days). */
export async function listCostsInRange({ shop, range }: { shop: string; range: { from: string; to: string } }) {
  return prisma.contentCost.findMany({
    where: { shop, startsOn: { lte: range.to }, endsOn: { gte: range.from } },
    orderBy: { startsOn: "desc" },
  });
}

export async function listCostOptions({ shop }: { shop: string }) {
  const items = await prisma.contentItem.findMany({ where: { shop }, select: { id: true, title: true }, orderBy: { title: "asc" }, take: 500 });
  return { items };
}
