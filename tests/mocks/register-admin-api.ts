// Preloaded with `node --import` into the demo's app server: MSW intercepts
// the Admin API before any app module captures fetch (PLATFORM-NOTES.md).
import { setupServer } from "msw/node";
import { adminApiHandlers } from "./admin-api.ts";

if (process.env.NODE_ENV === "production") {
  throw new Error("The Admin API stand-in is for the local demo and tests only; it refuses to run with NODE_ENV=production.");
}

const server = setupServer(...adminApiHandlers);
server.listen({
  onUnhandledRequest(request, print) {
    // Only Shopify's hosts are faked; anything else is a real request (the demo's own servers).
    if (/myshopify\.com|shopify\.com/.test(new URL(request.url).hostname)) print.error();
  },
});
