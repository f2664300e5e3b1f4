// Training: features → TF-IDF → one-vs-rest linear SVMs → calibration and the
// "unknown" thresholds → a pruned, versioned JSON model.
//
// The steps are one generator that yields each SVM training request and gets
// the weights back. The synchronous driver trains in the calling thread; the
// asynchronous one (train-async.ts) spreads the classes of each request over
// worker threads. Every class has its own seed, so both give the same model.
import { chooseThresholds, fitTemperature, softmaxInto } from "./calibration.ts";
import { buildEmbeddingTable } from "./embeddings.ts";
import type { EmbeddingOptions } from "./embeddings.ts";
import type { HeldOutPrediction } from "./calibration.ts";
import { DEFAULT_FEATURE_OPTIONS, extractTerms } from "./features.ts";
import type { FeatureOptions, Terms } from "./features.ts";
import { DEFAULT_OUT_OF_SCOPE_LABELS } from "./labels.ts";
import { encodeModel } from "./model.ts";
import type { ModelJson } from "./model.ts";
import { createRandom, shuffleInPlace } from "./random.ts";
import { trainOneVsRest } from "./svm.ts";
import type { SvmOptions } from "./svm.ts";
import { addNaiveBayes, type NaiveBayesOptions } from "./naive-bayes.ts";
import { fitVectorizer, toCsrMatrix, vectorize, vocabularyTerms } from "./vectorizer.ts";
import type { CsrMatrix, SparseVector } from "./vectorizer.ts";

export type Example = { text: string; label: string };

export type TrainOptions = {
  /** Held-out examples to tune C, fit the calibration and choose the "unknown" thresholds. */
  validation?: readonly Example[];
  seed?: number;
  /** SVM cost; with several values the best on the held-out data wins. */
  c?: number | readonly number[];
  features?: Partial<FeatureOptions>;
  minDf?: number;
  charWeight?: number;
  /** Without `validation`: the share of each label held out to tune on, before training on everything. */
  heldOutFraction?: number;
  /** Labels that mean "out of scope": in validation data they teach the thresholds, in training data they form a class that predicts "unknown". */
  outOfScopeLabels?: readonly string[];
  /** Without out-of-scope examples in the held-out data: the largest share of in-scope messages that may be answered "unknown" (0.01). */
  maxInScopeRejection?: number;
  /**
   * With out-of-scope examples in the held-out data: the share of out-of-scope
   * messages expected in the inbox (0.2). The thresholds maximise the expected
   * accuracy (1 − w) · in-scope accuracy + w · out-of-scope recall.
   */
  outOfScopeWeight?: number;
  /**
   * With out-of-scope examples in the held-out data: instead of the weighted
   * objective, the thresholds with the best in-scope accuracy whose
   * out-of-scope recall is at least this (0: off, the default).
   */
  minOutOfScopeRecall?: number;
  /** The word-embedding view (English vectors): off unless given. */
  embeddings?: EmbeddingOptions;
  /** Weights smaller than this are dropped from the model. */
  pruneBelow?: number;
  epsilon?: number;
  maxIterations?: number;
  /** Naive Bayes log-probabilities added to the SVM's weights (naive-bayes.ts): their weight (0: off) and smoothing. */
  naiveBayes?: NaiveBayesOptions;
};

export type ResolvedTrainOptions = Required<Omit<TrainOptions, "validation" | "features" | "c" | "embeddings">> & {
  features: FeatureOptions;
  c: readonly number[];
  embeddings: EmbeddingOptions | null;
};

export const DEFAULT_TRAIN_OPTIONS: Omit<ResolvedTrainOptions, "features" | "embeddings"> = {
  seed: 42,
  c: [1, 3],
  minDf: 1,
  charWeight: 0.6,
  heldOutFraction: 0.1,
  outOfScopeLabels: DEFAULT_OUT_OF_SCOPE_LABELS,
  maxInScopeRejection: 0.01,
  outOfScopeWeight: 0.2,
  minOutOfScopeRecall: 0,
  pruneBelow: 0.02,
  epsilon: 0.1,
  maxIterations: 300,
  naiveBayes: { weight: 0, alpha: 0.01 },
};

export function resolveTrainOptions(options: TrainOptions = {}): ResolvedTrainOptions {
  const { validation: _validation, features, c, embeddings, ...rest } = options;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const resolved: ResolvedTrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...defined,
    features: { ...DEFAULT_FEATURE_OPTIONS, ...features },
    c: c === undefined ? DEFAULT_TRAIN_OPTIONS.c : typeof c === "number" ? [c] : [...c],
    embeddings: embeddings ?? null,
  };
  if (resolved.c.length === 0 || resolved.c.some((v) => !(v > 0))) {
    throw new TrainingError("classifier: option c must be a positive number or a non-empty list of them");
  }
  if (resolved.features.charNgramMin > resolved.features.charNgramMax) {
    throw new TrainingError("classifier: features.charNgramMin must not exceed features.charNgramMax");
  }
  if (!(resolved.minOutOfScopeRecall >= 0 && resolved.minOutOfScopeRecall <= 1)) {
    throw new TrainingError("classifier: option minOutOfScopeRecall must be between 0 and 1");
  }
  if (!(resolved.naiveBayes.weight >= 0 && resolved.naiveBayes.alpha > 0)) {
    throw new TrainingError("classifier: option naiveBayes needs a weight ≥ 0 and an alpha > 0");
  }
  const weight = resolved.embeddings?.weight;
  if (weight !== undefined && !(weight > 0)) throw new TrainingError("classifier: option embeddings.weight must be positive");
  return resolved;
}

/** One SVM training request of the pipeline: the driver answers with the dense weights. */
export type TrainRequest = {
  matrix: CsrMatrix;
  labels: Int32Array;
  rows: Int32Array | null;
  classCount: number;
  svm: SvmOptions;
};

export class TrainingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingError";
  }
}

export function checkExamples(examples: readonly unknown[], what: string): asserts examples is Example[] {
  examples.forEach((example, i) => {
    const e = example as Partial<Example> | null;
    if (typeof e?.text !== "string") throw new TrainingError(`classifier: ${what} example ${i + 1} has no text string`);
    if (typeof e.label !== "string" || e.label.trim() === "") {
      throw new TrainingError(`classifier: ${what} example ${i + 1} has no label`);
    }
  });
}

function scoreDense(weights: Float32Array, stride: number, classCount: number, vector: SparseVector): Float64Array {
  const scores = new Float64Array(classCount);
  const featureCount = stride - 1;
  for (let c = 0; c < classCount; c++) {
    const base = c * stride;
    let s = weights[base + featureCount];
    for (let k = 0; k < vector.indices.length; k++) s += weights[base + vector.indices[k]] * vector.values[k];
    scores[c] = s;
  }
  return scores;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Per label, a seeded share of its rows (never all of them) for tuning. */
function holdOutSlice(labels: Int32Array, classCount: number, fraction: number, seed: number): Int32Array {
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  labels.forEach((label, row) => byClass[label].push(row));
  const random = createRandom(seed);
  const heldOut: number[] = [];
  for (const rows of byClass) {
    if (rows.length < 3) continue;
    shuffleInPlace(rows, random);
    const take = Math.min(rows.length - 2, Math.max(1, Math.round(rows.length * fraction)));
    heldOut.push(...rows.slice(0, take));
  }
  return Int32Array.from(heldOut.sort((a, b) => a - b));
}

export function* trainPipeline(
  examples: readonly Example[],
  options: TrainOptions = {},
): Generator<TrainRequest, ModelJson, Float32Array> {
  const resolved = resolveTrainOptions(options);
  checkExamples(examples, "training");
  const validation = options.validation ?? [];
  checkExamples(validation, "validation");
  const outOfScopeSet = new Set(resolved.outOfScopeLabels);
  const labels = [...new Set(examples.map((e) => e.label.trim()))].sort();
  if (labels.length < 2) {
    throw new TrainingError(`classifier: training needs examples of at least 2 labels, got ${labels.length}: call learn() with more labels`);
  }
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const classCount = labels.length;
  const y = Int32Array.from(examples, (e) => labelIndex.get(e.label.trim()) as number);
  const terms: Terms[] = examples.map((e) => extractTerms(e.text, resolved.features));
  const embedding = resolved.embeddings
    ? buildEmbeddingTable(
        terms.map((t) => t.tokens ?? []),
        resolved.embeddings,
      )
    : null;
  const fitted = fitVectorizer(terms, { minDf: resolved.minDf, charWeight: resolved.charWeight }, embedding);
  const matrix = toCsrMatrix(
    terms.map((t) => vectorize(fitted, t)),
    fitted.size,
  );
  terms.length = 0;
  const stride = fitted.size + 1;
  const svm = (c: number): SvmOptions => ({
    c,
    epsilon: resolved.epsilon,
    maxIterations: resolved.maxIterations,
    bias: 1,
    seed: resolved.seed,
  });

  // Held-out data: the validation set, or a slice of training (the vocabulary
  // then includes the slice's words; their labels are not seen).
  let fitRows: Int32Array | null = null;
  let heldVectors: SparseVector[];
  let heldGold: number[]; // class index, or -1 for an out-of-scope message
  let heldOut: "validation" | "slice";
  if (validation.length > 0) {
    heldOut = "validation";
    heldVectors = validation.map((e) => vectorize(fitted, extractTerms(e.text, resolved.features)));
    heldGold = validation.map((e) => {
      const index = labelIndex.get(e.label.trim());
      if (index !== undefined) return index;
      // A label never trained on cannot be predicted: its right answer is "unknown".
      return -1;
    });
  } else {
    heldOut = "slice";
    const slice = holdOutSlice(y, classCount, resolved.heldOutFraction, resolved.seed);
    const inSlice = new Uint8Array(y.length);
    for (const row of slice) inSlice[row] = 1;
    const rest: number[] = [];
    for (let row = 0; row < y.length; row++) if (!inSlice[row]) rest.push(row);
    fitRows = Int32Array.from(rest);
    heldVectors = [...slice].map((row) => ({
      indices: matrix.indices.subarray(matrix.indptr[row], matrix.indptr[row + 1]),
      values: matrix.values.subarray(matrix.indptr[row], matrix.indptr[row + 1]),
    }));
    heldGold = [...slice].map((row) => y[row]);
  }
  const outOfScopeClass = Uint8Array.from(labels, (label) => (outOfScopeSet.has(label) ? 1 : 0));
  const heldOutOfScope = heldGold.map((gold) => gold < 0 || outOfScopeClass[gold] === 1);

  let best: { c: number; weights: Float32Array; scores: Float64Array[]; accuracy: number } | null = null;
  for (const c of resolved.c) {
    const weights = yield { matrix, labels: y, rows: fitRows, classCount, svm: svm(c) };
    if (resolved.naiveBayes.weight > 0) addNaiveBayes(weights, matrix, y, fitRows, classCount, resolved.naiveBayes, fitted.termCount);
    const scores = heldVectors.map((v) => scoreDense(weights, stride, classCount, v));
    let correct = 0;
    let inScope = 0;
    scores.forEach((s, i) => {
      if (heldOutOfScope[i]) return;
      inScope++;
      if (argmax(s) === heldGold[i]) correct++;
    });
    const accuracy = inScope > 0 ? correct / inScope : 0;
    if (best === null || accuracy > best.accuracy) best = { c, weights, scores, accuracy };
  }
  if (best === null) throw new TrainingError("classifier: no value of c to train with");

  const calibrationRows = heldGold.map((_, i) => i).filter((i) => heldGold[i] >= 0);
  const temperature =
    calibrationRows.length > 0
      ? fitTemperature(
          calibrationRows.map((i) => best.scores[i]),
          calibrationRows.map((i) => heldGold[i]),
        )
      : 0.25;
  const probabilities = new Float64Array(classCount);
  const predictions: HeldOutPrediction[] = best.scores.map((s, i) => {
    softmaxInto(s, temperature, probabilities);
    const top = argmax(probabilities);
    let second = 0;
    for (let c = 0; c < classCount; c++) if (c !== top && probabilities[c] > second) second = probabilities[c];
    const outOfScope = heldOutOfScope[i];
    return {
      confidence: probabilities[top],
      margin: probabilities[top] - second,
      correct: !outOfScope && top === heldGold[i],
      outOfScope,
      predictsOutOfScope: outOfScopeClass[top] === 1,
    };
  });
  const thresholds = chooseThresholds(predictions, resolved);

  let finalWeights = best.weights;
  if (heldOut === "slice") {
    finalWeights = yield { matrix, labels: y, rows: null, classCount, svm: svm(best.c) };
    if (resolved.naiveBayes.weight > 0) addNaiveBayes(finalWeights, matrix, y, null, classCount, resolved.naiveBayes, fitted.termCount);
  }
  const vocabulary = vocabularyTerms(fitted);
  return encodeModel({
    labels,
    outOfScopeLabels: labels.filter((label) => outOfScopeSet.has(label)),
    features: resolved.features,
    vocabulary: { ...vocabulary, idf: fitted.idf, charWeight: fitted.charWeight },
    embedding: fitted.embedding,
    weights: finalWeights,
    pruneBelow: resolved.pruneBelow,
    calibration: { temperature, ...thresholds },
    training: {
      examples: examples.length,
      c: best.c,
      seed: resolved.seed,
      heldOut,
      heldOutExamples: heldVectors.length,
      heldOutAccuracy: best.accuracy,
      ...(resolved.naiveBayes.weight > 0 ? { naiveBayes: resolved.naiveBayes } : {}),
    },
  });
}

/** Runs one training request in this thread. */
export function runTrainRequest(request: TrainRequest): Float32Array {
  const classes = Array.from({ length: request.classCount }, (_, i) => i);
  return trainOneVsRest({ ...request, classes, options: request.svm }).weights;
}

/** Trains a model in the calling thread (scripts, tests). Servers use trainModelAsync. */
export function trainModel(examples: readonly Example[], options: TrainOptions = {}): ModelJson {
  const pipeline = trainPipeline(examples, options);
  let step = pipeline.next();
  while (!step.done) step = pipeline.next(runTrainRequest(step.value));
  return step.value;
}
