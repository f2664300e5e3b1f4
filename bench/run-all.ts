// npm run bench [-- --full] [-- --only=intent:builtin,inbox]
// Runs every `bench:*` script of package.json one after another, in a fresh
// process each (so one benchmark's heap and JIT state never colours the next),
// and ends with a one-line status per benchmark. Each benchmark prints its own
// figures (medians, ratios) with the machine it ran on.
// `bench:intent` (the public data sets, about 27 minutes) runs with --quick
// unless --full is given, and without its built-in model section, which
// `bench:intent:builtin` prints.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const full = args.includes("--full");
const only = args.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");

const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
)
  .filter((name) => name.startsWith("bench:"))
  .filter((name) => !only || only.includes(name.slice("bench:".length)));

console.log(
  `# ReplyReel benchmarks — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
const results: { name: string; status: number | null; seconds: number }[] = [];
for (const name of scripts) {
  const extra = name === "bench:intent" ? ["--", "--skip-builtin", ...(full ? [] : ["--quick"])] : [];
  console.log(`\n## ${name}${extra.includes("--quick") ? " (--quick; --full for the whole run)" : ""}\n`);
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", name, ...extra], { cwd: root, stdio: "inherit" });
  results.push({ name, status: run.status, seconds: (performance.now() - started) / 1000 });
}
console.log("\n## Summary\n");
for (const r of results) console.log(`${r.status === 0 ? "ok  " : "FAIL"} ${r.name} (${r.seconds.toFixed(0)} s)`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);
