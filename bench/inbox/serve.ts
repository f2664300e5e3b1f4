// The app server for the inbox benchmarks: server.ts with the build named by
// REPLYREEL_BENCH_BUILD (default build/server/index.js), so a benchmark can run
// against its own build while the shared one is being rebuilt.
import path from "node:path";
import { loadBuild, startServer } from "../../server.ts";

const buildPath = process.env.REPLYREEL_BENCH_BUILD ?? path.resolve(import.meta.dirname, "../../build/server/index.js");
const server = await startServer({ build: await loadBuild(buildPath), log: false });
const address = server.address();
console.log(`bench server on ${typeof address === "object" && address ? address.port : address}`);
