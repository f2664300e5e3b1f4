// Seeds the demo shop into DATABASE_URL. Run by `npm run demo`; refuses production.
import { createOfflineSession } from "../tests/factories.ts";
import { DEMO_SHOP } from "../tests/fixtures/shop.ts";
import { getPrisma } from "../app/db.server.ts";
import { seedDemoContent } from "./seed-content.ts";
import { seedDemoInbox } from "./seed-inbox.ts";
import { seedDemoEvents } from "../scripts/demo/seed-events.ts";

export async function seedDemoShop({ shop = DEMO_SHOP }: { shop?: string } = {}) {
  if (process.env.NODE_ENV === "production") {
    throw new Error("prisma/seed.ts seeds demo data and refuses to run with NODE_ENV=production.");
  }
  await createOfflineSession({ shop });
  await seedDemoContent({ shop });
  await seedDemoInbox({ shop });
  // The report's demo data (issue 8): DEMO_EVENTS / DEMO_ORDERS, 0 to skip.
  await seedDemoEvents(getPrisma(), {
    shop,
    events: Number(process.env.DEMO_EVENTS ?? 1_000_000),
    orders: Number(process.env.DEMO_ORDERS ?? 10_000),
  });
  return { shop };
}

if (import.meta.filename === process.argv[1]) {
  seedDemoShop({ shop: process.env.DEMO_SHOP })
    .then(({ shop }) => {
      console.log(`seeded demo shop ${shop}`);
      return getPrisma().$disconnect();
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
