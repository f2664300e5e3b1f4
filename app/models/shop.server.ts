import prisma from "../db.server.ts";

export async function recordShopScopes({ shop, scopes }: { shop: string; scopes: string[] }) {
  const value = scopes.join(",");
  await prisma.shop.upsert({
    where: { shop },
    create: { shop, scopes: value },
    update: { scopes: value, uninstalledAt: null },
  });
  await prisma.session.updateMany({ where: { shop }, data: { scope: value } });
}

/** app/uninstalled: the shop's sessions go at once; its data waits for shop/redact (48 h later). */
export async function markShopUninstalled({ shop }: { shop: string }) {
  await prisma.session.deleteMany({ where: { shop } });
  await prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: new Date() } });
}

/** shop/redact: erase everything stored for the shop. Later tables add their deletes here. */
export async function eraseShop({ shop }: { shop: string }) {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.webhookEvent.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
  ]);
}
