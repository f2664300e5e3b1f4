import prisma from "../db.server.ts";
import { forgetShopSessions } from "./session-cache.server.ts";
import { forgetShopSettings } from "./settings.server.ts";
import { forgetShopClassifier } from "./pipeline.server.ts";
import { forgetShopTemplates } from "./templates.server.ts";
import { forgetShopTimeZone } from "./shop-time-zone.server.ts";

export async function recordShopScopes({ shop, scopes }: { shop: string; scopes: string[] }) {
  const value = scopes.join(",");
  await prisma.shop.upsert({
    where: { shop },
    create: { shop, scopes: value },
    update: { scopes: value, uninstalledAt: null },
  });
  await prisma.session.updateMany({ where: { shop }, data: { scope: value } });
  forgetShopSessions(shop);
}

/** app/uninstalled: the shop's sessions go at once; its data waits for shop/redact (48 h later). */
export async function markShopUninstalled({ shop }: { shop: string }) {
  await prisma.session.deleteMany({ where: { shop } });
  forgetShopSessions(shop);
  await prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: new Date() } });
}

/** shop/redact: erase everything stored for the shop. Later tables add their deletes here. */
export async function eraseShop({ shop }: { shop: string }) {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.webhookEvent.deleteMany({ where: { shop } }),
    // Inbox (issue 5): children before parents.
    prisma.reply.deleteMany({ where: { shop } }),
    prisma.message.deleteMany({ where: { shop } }),
    prisma.conversation.deleteMany({ where: { shop } }),
    prisma.replyTemplate.deleteMany({ where: { shop } }),
    prisma.intentExample.deleteMany({ where: { shop } }),
    prisma.intentModel.deleteMany({ where: { shop } }),
    prisma.apiKey.deleteMany({ where: { shop } }),
    prisma.importJob.deleteMany({ where: { shop } }),
    prisma.shopSettings.deleteMany({ where: { shop } }),
    // Content and attribution (issues 7, 8); FeedItem rows go with their feed and item.
    prisma.orderCredit.deleteMany({ where: { shop } }),
    prisma.attributedOrder.deleteMany({ where: { shop } }),
    prisma.pixelCheckout.deleteMany({ where: { shop } }),
    prisma.pendingRefund.deleteMany({ where: { shop } }),
    prisma.contentEvent.deleteMany({ where: { shop } }),
    prisma.eventRollup.deleteMany({ where: { shop } }),
    prisma.contentCost.deleteMany({ where: { shop } }),
    prisma.contentProduct.deleteMany({ where: { shop } }),
    prisma.feed.deleteMany({ where: { shop } }),
    prisma.contentItem.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
  ]);
  forgetShopSessions(shop);
  forgetShopSettings(shop);
  forgetShopClassifier(shop);
  forgetShopTemplates(shop);
  forgetShopTimeZone(shop);
}
