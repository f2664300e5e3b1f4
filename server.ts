// The production HTTP server: Express around Remix's request handler (what
// remix-serve does), with the build's static assets and compression. Used by
// `npm start`, the Docker image, the local demo and the integration tests.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import express from "express";
import compression from "compression";
import morgan from "morgan";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

const root = import.meta.dirname;

// REPLYREEL_SERVER_BUILD: another build (e.g. a private one for a test run while the shared build/ is being rebuilt).
export async function loadBuild(buildPath = process.env.REPLYREEL_SERVER_BUILD || path.join(root, "build/server/index.js")): Promise<ServerBuild> {
  return (await import(pathToFileURL(buildPath).href)) as ServerBuild;
}

export function createApp(build: ServerBuild, { log = true }: { log?: boolean } = {}) {
  const app = express();
  app.disable("x-powered-by");
  // Pages, assets and CSV exports are compressed. Not the storefront proxy and
  // webhook endpoints: their answers are a few hundred bytes that Shopify's
  // proxy compresses again for the shopper, and Remix streams every body, so
  // compression's size threshold never applies and each answer would pay for
  // a zlib stream (measured: about 0.8 ms of CPU per contact-form post).
  app.use(compression({ filter: (req, res) => !/^\/(proxy|webhooks)\//.test(req.path) && compression.filter(req, res) }));
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  if (log) app.use(morgan("tiny"));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production" }));
  return app;
}

export async function startServer({
  port = Number(process.env.PORT ?? 3000),
  host = process.env.HOST ?? "0.0.0.0",
  build,
  log = true,
}: { port?: number; host?: string; build?: ServerBuild; log?: boolean } = {}): Promise<Server> {
  const app = createApp(build ?? (await loadBuild()), { log });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.on("error", reject);
  });
}

if (import.meta.filename === process.argv[1]) {
  process.env.NODE_ENV ??= "production";
  startServer()
    .then((server) => {
      const address = server.address();
      const where = typeof address === "object" && address ? `${address.address}:${address.port}` : String(address);
      console.log(`ReplyReel listening on http://${where}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
