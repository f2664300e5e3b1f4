import { expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import prisma from "../../app/db.server.ts";
import { mockServer } from "../setup/setup-test-env.ts";
import { createOfflineSession } from "../factories.ts";
import { setupAppServer } from "../support/app-server.ts";
import { adminDocumentRequest, BROWSER_UA } from "../support/signed-requests.ts";
import { TEST_SHOP } from "../support/test-env.ts";

const app = setupAppServer();

test("the embedded home page renders Polaris for a valid session token", async () => {
  await createOfflineSession({ shop: TEST_SHOP });
  const res = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app", shop: TEST_SHOP });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("Answer shoppers faster");
  expect(html).toContain('data-api-key="testApiKey"');
  expect(res.headers.get("content-security-policy")).toContain(`frame-ancestors https://${TEST_SHOP}`);
});

test("a document request without a session token goes to the bounce page", async () => {
  const res = await fetch(`${app.baseUrl}/app?embedded=1&shop=${TEST_SHOP}&host=${btoa(`${TEST_SHOP}/admin`)}`, {
    headers: { "User-Agent": BROWSER_UA },
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/auth\/session-token\?.*shopify-reload=/);
});

test("a fetch with a forged bearer token is refused", async () => {
  const res = await fetch(`${app.baseUrl}/app`, {
    headers: { Authorization: "Bearer not.a.jwt", "User-Agent": BROWSER_UA },
  });
  expect(res.status).toBe(401);
});

test("on first open the session token is exchanged for an offline token (token exchange)", async () => {
  let exchanged: Record<string, unknown> | undefined;
  mockServer.use(
    http.post(`https://${TEST_SHOP}/admin/oauth/access_token`, async ({ request }) => {
      exchanged = (await request.json()) as Record<string, unknown>;
      return HttpResponse.json({
        access_token: "shpat_exchanged",
        scope: "read_products,read_orders,read_files,write_files,write_pixels,read_customer_events",
        expires_in: 3600,
        refresh_token: "shprt_exchanged",
        refresh_token_expires_in: 7_776_000,
      });
    }),
  );
  const res = await adminDocumentRequest({ baseUrl: app.baseUrl, path: "/app", shop: TEST_SHOP });
  expect(res.status).toBe(200);
  expect(exchanged).toMatchObject({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange" });
  const session = await prisma.session.findFirstOrThrow({ where: { shop: TEST_SHOP, isOnline: false } });
  expect(session.accessToken).toBe("shpat_exchanged");
  // afterAuth read the shop's time zone (the Admin API fixture answers Europe/Paris): the report's days.
  expect((await prisma.shop.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).ianaTimezone).toBe("Europe/Paris");
});
