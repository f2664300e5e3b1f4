// The intent classifier, wink style: a factory with a guarded lifecycle
// (learn → consolidate → predict), an honest "unknown", a versioned model.
//
//   const classifier = createClassifier();
//   classifier.learn("where is my parcel", "order_status");
//   …
//   classifier.consolidate();          // learn() after this throws
//   classifier.predict("has my order shipped?");
//   // { label: "order_status", confidence: 0.93, alternatives: [...] }
//   classifier.toJSON();               // { version: "classifier/1", ... }
//   loadModel(json).predict("…");
import { softmaxInto } from "./calibration.ts";
import { UNKNOWN_LABEL } from "./labels.ts";
import { decodeModel } from "./model.ts";
import type { ModelJson, RuntimeModel } from "./model.ts";
import { trainModelAsync } from "./train-async.ts";
import type { AsyncTrainOptions } from "./train-async.ts";
import { checkExamples, resolveTrainOptions, trainModel } from "./train.ts";
import type { Example, TrainOptions } from "./train.ts";
import { vectorizeText } from "./vectorizer.ts";

export { UNKNOWN_LABEL } from "./labels.ts";
export type { Example, TrainOptions } from "./train.ts";

export type Alternative = { label: string; confidence: number };

/**
 * Why an answer is "unknown": no text; no word the model has seen (keyboard
 * mash, another subject or language); a top probability or a lead over the
 * second label under the thresholds chosen on held-out data; or an
 * out-of-scope class won.
 */
export type UnknownReason = "empty" | "unfamiliar" | "low-confidence" | "low-margin" | "out-of-scope";

export type Prediction = {
  /** The intent, or UNKNOWN_LABEL when the classifier is not sure. */
  label: string;
  /** Calibrated probability of the best in-scope intent (also when the label is "unknown"). */
  confidence: number;
  /**
   * The next most likely intents with their probabilities. For "unknown" they
   * start with the best guess, so a person can pick from them.
   */
  alternatives: Alternative[];
  /** Why the answer is "unknown". */
  reason?: UnknownReason;
};

export type PredictOptions = {
  /** How many alternatives to return (default 3). */
  alternatives?: number;
};

export type ClassifierOptions = TrainOptions & PredictOptions & Pick<AsyncTrainOptions, "workers" | "workerUrl">;

function splitOptions(options: ClassifierOptions): { train: AsyncTrainOptions; predict: PredictOptions } {
  const { alternatives, ...train } = options;
  return { train, predict: { alternatives } };
}

function syncOptions(options: AsyncTrainOptions): TrainOptions {
  const { workers: _workers, workerUrl: _workerUrl, ...train } = options;
  return train;
}

export type Classifier = {
  learn(text: string, label: string): void;
  /** Trains in this thread. Use consolidateAsync() in a server. */
  consolidate(): void;
  /** Trains in worker threads, leaving the event loop free. */
  consolidateAsync(): Promise<void>;
  predict(text: string): Prediction;
  toJSON(): ModelJson;
  /** The labels the model can answer, without "unknown". */
  labels(): string[];
  isConsolidated(): boolean;
};

function predictWith(model: RuntimeModel, text: string, alternativeCount: number): Prediction {
  const labelCount = model.labels.length;
  const vector = vectorizeText(model.vectorizer, text, model.features);
  const scores = Float64Array.from(model.bias);
  const { pointers, classes, values } = model;
  for (let k = 0; k < vector.indices.length; k++) {
    const j = vector.indices[k];
    const x = vector.values[k];
    for (let e = pointers[j]; e < pointers[j + 1]; e++) scores[classes[e]] += x * values[e];
  }
  const probabilities = new Float64Array(labelCount);
  softmaxInto(scores, model.calibration.temperature, probabilities);

  // The best in-scope classes by probability (out-of-scope classes are never
  // offered), by insertion into a short list rather than sorting every label.
  const wanted = alternativeCount + 1;
  const order: number[] = [];
  for (let c = 0; c < labelCount; c++) {
    if (model.outOfScope[c]) continue;
    const p = probabilities[c];
    if (order.length === wanted && p <= probabilities[order[wanted - 1]]) continue;
    let at = order.length;
    while (at > 0 && probabilities[order[at - 1]] < p) at--;
    order.splice(at, 0, c);
    if (order.length > wanted) order.pop();
  }
  let top = 0;
  for (let c = 1; c < labelCount; c++) if (probabilities[c] > probabilities[top]) top = c;
  let second = 0;
  for (let c = 0; c < labelCount; c++) if (c !== top && probabilities[c] > second) second = probabilities[c];

  const round = (p: number) => Math.round(p * 1e4) / 1e4;
  const confidence = order.length > 0 ? round(probabilities[order[0]]) : 0;
  let reason: UnknownReason | undefined;
  if (vector.tokens === 0) reason = "empty";
  else if (vector.knownWords === 0) reason = "unfamiliar";
  else if (model.outOfScope[top]) reason = "out-of-scope";
  else if (probabilities[top] < model.calibration.minConfidence) reason = "low-confidence";
  else if (probabilities[top] - second < model.calibration.minMargin) reason = "low-margin";

  if (reason !== undefined) {
    return {
      label: UNKNOWN_LABEL,
      confidence,
      alternatives: order.slice(0, alternativeCount).map((c) => ({ label: model.labels[c], confidence: round(probabilities[c]) })),
      reason,
    };
  }
  return {
    label: model.labels[top],
    confidence,
    alternatives: order
      .slice(1, alternativeCount + 1)
      .map((c) => ({ label: model.labels[c], confidence: round(probabilities[c]) })),
  };
}

function consolidatedClassifier(model: RuntimeModel, options: PredictOptions): Classifier {
  const alternativeCount = options.alternatives ?? 3;
  return {
    learn() {
      throw new Error(
        "classifier: learn() after consolidate(): this model is trained; create a new classifier with createClassifier() and learn() all examples again",
      );
    },
    consolidate() {
      throw new Error("classifier: consolidate() was already called: create a new classifier to train again");
    },
    async consolidateAsync() {
      throw new Error("classifier: consolidate() was already called: create a new classifier to train again");
    },
    predict(text) {
      if (typeof text !== "string") throw new TypeError("classifier: predict() needs a string");
      return predictWith(model, text, alternativeCount);
    },
    toJSON: () => model.json,
    labels: () => model.labels.filter((_, i) => !model.outOfScope[i]),
    isConsolidated: () => true,
  };
}

/** A classifier to teach with learn() and train with consolidate(). */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const { train, predict } = splitOptions(options);
  resolveTrainOptions(syncOptions(train)); // fail early on bad options
  const examples: Example[] = [];
  let trained: Classifier | null = null;
  let training = false;
  const notReady = (what: string) =>
    new Error(`classifier: call consolidate() before ${what}${training ? " (training is still running)" : ""}`);
  return {
    learn(text, label) {
      if (trained) {
        throw new Error(
          "classifier: learn() after consolidate(): create a new classifier with createClassifier() and learn() all examples again",
        );
      }
      if (training) throw new Error("classifier: learn() while consolidateAsync() is training: wait for it, then create a new classifier");
      checkExamples([{ text, label }], "learn()");
      examples.push({ text, label: label.trim() });
    },
    consolidate() {
      if (trained || training) throw new Error("classifier: consolidate() was already called: create a new classifier to train again");
      trained = consolidatedClassifier(decodeModel(trainModel(examples, syncOptions(train))), predict);
    },
    async consolidateAsync() {
      if (trained || training) throw new Error("classifier: consolidate() was already called: create a new classifier to train again");
      training = true;
      try {
        const json = await trainModelAsync(examples, train);
        trained = consolidatedClassifier(decodeModel(json), predict);
      } finally {
        training = false;
      }
    },
    predict(text) {
      if (!trained) throw notReady("predict()");
      return trained.predict(text);
    },
    toJSON() {
      if (!trained) throw notReady("toJSON()");
      return trained.toJSON();
    },
    labels() {
      if (!trained) throw notReady("labels()");
      return trained.labels();
    },
    isConsolidated: () => trained !== null,
  };
}

/** A trained classifier from a model (object or JSON text), validated first. */
export function loadModel(json: unknown, options: PredictOptions = {}): Classifier {
  return consolidatedClassifier(decodeModel(json), options);
}

/** Trains a classifier from examples in this thread. */
export function trainClassifier(examples: readonly Example[], options: ClassifierOptions = {}): Classifier {
  const { train, predict } = splitOptions(options);
  return consolidatedClassifier(decodeModel(trainModel(examples, syncOptions(train))), predict);
}

/** Trains a classifier in worker threads; the event loop stays free. */
export async function trainClassifierAsync(
  examples: readonly Example[],
  options: ClassifierOptions = {},
): Promise<Classifier> {
  const { train, predict } = splitOptions(options);
  return consolidatedClassifier(decodeModel(await trainModelAsync(examples, train)), predict);
}
