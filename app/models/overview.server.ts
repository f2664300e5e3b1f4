import prisma from "../db.server.ts";

export async function getShopOverview({ shop }: { shop: string }) {
  const [record, session] = await Promise.all([
    prisma.shop.findUnique({ where: { shop } }),
    prisma.session.findFirst({ where: { shop, isOnline: false }, select: { scope: true } }),
  ]);
  const scopes = (record?.scopes ?? session?.scope ?? "").split(",").filter(Boolean);
  return {
    shop,
    installedAt: record ? record.installedAt.toISOString().slice(0, 10) : null,
    scopeCount: scopes.length,
  };
}
