// The versioned JSON model: what a trained classifier is on disk and in the
// database, validated with zod whenever it is read back.
//
// Big arrays are little-endian typed arrays in base64: a 20,000-example model
// parses in tens of milliseconds, and weights stay sparse (per feature, only
// the classes whose weight survived pruning, as 16-bit integers times `scale`).
//
// Versions: "classifier/1" has the word and character blocks; "classifier/2"
// adds the word-embedding view (`embedding`: its words' 8-bit vectors), whose
// dimensions follow the terms in the weights. A model without the view is still
// written as "classifier/1", so older code reads it.
import { Buffer } from "node:buffer";
import { z } from "zod";
import type { Calibration } from "./calibration.ts";
import { createEmbeddingTable } from "./embeddings.ts";
import type { EmbeddingTable } from "./embeddings.ts";
import type { FeatureOptions } from "./features.ts";
import { createVectorizer } from "./vectorizer.ts";
import type { Vectorizer } from "./vectorizer.ts";

export const MODEL_VERSION = "classifier/1";
/** A model with the word-embedding view. */
export const MODEL_VERSION_EMBEDDING = "classifier/2";

const positiveInt = z.number().int().positive();

const FeatureOptionsSchema = z.object({
  maxChars: positiveInt,
  charNgramMin: positiveInt,
  charNgramMax: positiveInt,
  cjkNgramMax: positiveInt,
  maxWordChars: positiveInt,
  wordBigrams: z.boolean(),
  sentenceStart: z.boolean(),
  stemming: z.boolean(),
  // Absent in models trained before the option existed: they never folded.
  foldTraditional: z.boolean().default(false),
}) satisfies z.ZodType<FeatureOptions>;

// Base64 is checked by the decoded lengths below: a regex over megabytes costs
// more than the whole load.
const base64 = z.string();

// The vocabulary has tens of thousands of terms: one plain loop checks them
// several times faster than an element-by-element zod array.
const terms = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((term) => typeof term === "string"),
  "must be an array of strings",
);

export const ModelSchema = z
  .object({
    version: z.enum([MODEL_VERSION, MODEL_VERSION_EMBEDDING]),
    labels: z.array(z.string().min(1)).min(2).max(65535),
    /** Labels trained from out-of-scope examples: predicting one means "unknown". */
    outOfScopeLabels: z.array(z.string().min(1)),
    features: FeatureOptionsSchema,
    vocabulary: z.object({
      word: terms,
      char: terms,
      idf: base64,
      charWeight: z.number().min(0).max(1),
    }),
    /** The word-embedding view ("classifier/2" only). */
    embedding: z
      .object({
        dimensions: positiveInt.max(4096),
        weight: z.number().positive(),
        words: terms,
        /** Int8, words × dimensions. */
        vectors: base64,
        /** Float32 per word: dequantisation scale times IDF weight. */
        scales: base64,
      })
      .optional(),
    weights: z.object({
      encoding: z.literal("csr-by-feature/int16"),
      scale: z.number().positive(),
      pointers: base64,
      classes: base64,
      values: base64,
    }),
    bias: z.array(z.number()),
    calibration: z.object({
      temperature: z.number().positive(),
      minConfidence: z.number().min(0).max(1),
      minMargin: z.number().min(0).max(1),
    }),
    training: z.object({
      examples: z.number().int().nonnegative(),
      c: z.number().positive(),
      seed: z.number().int(),
      heldOut: z.enum(["validation", "slice"]),
      heldOutExamples: z.number().int().nonnegative(),
      /** In-scope accuracy on the held-out data, before "unknown" (with the chosen c). */
      heldOutAccuracy: z.number().min(0).max(1),
      /** Naive Bayes folded into the weights (naive-bayes.ts), when it was. */
      naiveBayes: z.object({ weight: z.number().positive(), alpha: z.number().positive() }).optional(),
    }),
  })
  .superRefine((model, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    const embedding = model.embedding;
    const featureCount = model.vocabulary.word.length + model.vocabulary.char.length + (embedding?.dimensions ?? 0);
    if ((model.version === MODEL_VERSION_EMBEDDING) !== (embedding !== undefined)) {
      issue(`an embedding view needs version "${MODEL_VERSION_EMBEDDING}" and that version needs one`, ["embedding"]);
    }
    if (embedding) {
      if (decodedLength(embedding.vectors) !== embedding.words.length * embedding.dimensions) {
        issue("needs one vector per word", ["embedding", "vectors"]);
      }
      if (decodedLength(embedding.scales) !== 4 * embedding.words.length) issue("needs one scale per word", ["embedding", "scales"]);
    }
    if (model.bias.length !== model.labels.length) issue("needs one bias per label", ["bias"]);
    if (new Set(model.labels).size !== model.labels.length) issue("labels must be unique", ["labels"]);
    for (const label of model.outOfScopeLabels) {
      if (!model.labels.includes(label)) issue(`"${label}" is not a label`, ["outOfScopeLabels"]);
    }
    const termCount = model.vocabulary.word.length + model.vocabulary.char.length;
    if (decodedLength(model.vocabulary.idf) !== 4 * termCount) issue("needs one idf per term", ["vocabulary", "idf"]);
    if (decodedLength(model.weights.pointers) !== 4 * (featureCount + 1)) {
      issue("needs one pointer per term plus one", ["weights", "pointers"]);
    }
    const entries = decodedLength(model.weights.values) / 2;
    if (decodedLength(model.weights.classes) !== 2 * entries) issue("needs one class per weight", ["weights", "classes"]);
  });

export type ModelJson = z.infer<typeof ModelSchema>;

/** A model ready to score: decoded arrays and vocabulary maps. */
export type RuntimeModel = {
  json: ModelJson;
  labels: readonly string[];
  outOfScope: Uint8Array;
  features: FeatureOptions;
  vectorizer: Vectorizer;
  pointers: Uint32Array;
  classes: Uint16Array;
  values: Float32Array;
  bias: Float64Array;
  calibration: Calibration;
};

function decodedLength(value: string): number {
  let padding = 0;
  if (value.endsWith("==")) padding = 2;
  else if (value.endsWith("=")) padding = 1;
  return (value.length / 4) * 3 - padding;
}

function toBase64(array: Uint32Array | Uint16Array | Int16Array | Int8Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

function fromBase64<T>(value: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(value, "base64");
  // Copy into a fresh, aligned buffer: Node's pooled Buffers may start at any offset.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return make(copy.buffer);
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelError";
  }
}

/** Validates a model (an object or its JSON text) and decodes it for scoring. */
export function decodeModel(input: unknown): RuntimeModel {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ModelError(`classifier: the model is not valid JSON (${(error as Error).message})`);
    }
  }
  const parsed = ModelSchema.safeParse(value);
  if (!parsed.success) {
    const version = (value as { version?: unknown } | null)?.version;
    const hint =
      version !== undefined && version !== MODEL_VERSION && version !== MODEL_VERSION_EMBEDDING
        ? ` (found version ${JSON.stringify(version)}, expected "${MODEL_VERSION}" or "${MODEL_VERSION_EMBEDDING}": retrain the model)`
        : " (the file is damaged or not a classifier model: retrain it)";
    throw new ModelError(`classifier: invalid model${hint}\n${z.prettifyError(parsed.error)}`);
  }
  const json = parsed.data;
  const idf = fromBase64(json.vocabulary.idf, (b) => new Float32Array(b));
  const pointers = fromBase64(json.weights.pointers, (b) => new Uint32Array(b));
  const classes = fromBase64(json.weights.classes, (b) => new Uint16Array(b));
  const quantised = fromBase64(json.weights.values, (b) => new Int16Array(b));
  const labelCount = json.labels.length;
  if (pointers[0] !== 0 || pointers[pointers.length - 1] !== quantised.length) {
    throw new ModelError("classifier: invalid model (weight pointers do not match the weights): retrain it");
  }
  for (let i = 1; i < pointers.length; i++) {
    if (pointers[i] < pointers[i - 1]) throw new ModelError("classifier: invalid model (weight pointers go backwards): retrain it");
  }
  const values = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) {
    if (classes[i] >= labelCount) throw new ModelError("classifier: invalid model (weight for an unknown class): retrain it");
    values[i] = quantised[i] * json.weights.scale;
  }
  let embedding: EmbeddingTable | null = null;
  if (json.embedding) {
    const e = json.embedding;
    embedding = createEmbeddingTable(
      e.dimensions,
      e.weight,
      e.words,
      fromBase64(e.vectors, (b) => new Int8Array(b)),
      fromBase64(e.scales, (b) => new Float32Array(b)),
    );
  }
  const outOfScope = new Uint8Array(labelCount);
  json.labels.forEach((label, i) => {
    if (json.outOfScopeLabels.includes(label)) outOfScope[i] = 1;
  });
  return {
    json,
    labels: json.labels,
    outOfScope,
    features: json.features,
    vectorizer: createVectorizer(json.vocabulary.word, json.vocabulary.char, idf, json.vocabulary.charWeight, embedding),
    pointers,
    classes,
    values,
    bias: Float64Array.from(json.bias),
    calibration: json.calibration,
  };
}

export type EncodeInput = {
  labels: readonly string[];
  outOfScopeLabels: readonly string[];
  features: FeatureOptions;
  vocabulary: { word: string[]; char: string[]; idf: Float32Array; charWeight: number };
  /** The word-embedding view, whose dimensions follow the terms in `weights`. */
  embedding?: EmbeddingTable | null;
  /** Dense weights, class after class: `featureCount` weights then the bias. */
  weights: Float32Array;
  /** Weights smaller than this (in absolute value) are dropped. */
  pruneBelow: number;
  calibration: Calibration;
  training: ModelJson["training"];
};

export function encodeModel(input: EncodeInput): ModelJson {
  const embedding = input.embedding ?? null;
  const featureCount = input.vocabulary.word.length + input.vocabulary.char.length + (embedding?.dimensions ?? 0);
  const stride = featureCount + 1;
  const labelCount = input.labels.length;
  let maxAbs = 0;
  let kept = 0;
  for (let c = 0; c < labelCount; c++) {
    for (let j = 0; j < featureCount; j++) {
      const w = Math.abs(input.weights[c * stride + j]);
      if (w >= input.pruneBelow && w > 0) {
        kept++;
        if (w > maxAbs) maxAbs = w;
      }
    }
  }
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const pointers = new Uint32Array(featureCount + 1);
  const classes = new Uint16Array(kept);
  const values = new Int16Array(kept);
  let at = 0;
  for (let j = 0; j < featureCount; j++) {
    pointers[j] = at;
    for (let c = 0; c < labelCount; c++) {
      const w = input.weights[c * stride + j];
      if (Math.abs(w) < input.pruneBelow || w === 0) continue;
      const q = Math.round(w / scale);
      if (q === 0) continue;
      classes[at] = c;
      values[at] = q;
      at++;
    }
  }
  pointers[featureCount] = at;
  const bias: number[] = [];
  for (let c = 0; c < labelCount; c++) bias.push(input.weights[c * stride + featureCount]);
  return {
    version: embedding ? MODEL_VERSION_EMBEDDING : MODEL_VERSION,
    labels: [...input.labels],
    outOfScopeLabels: [...input.outOfScopeLabels],
    features: { ...input.features },
    vocabulary: {
      word: input.vocabulary.word,
      char: input.vocabulary.char,
      idf: toBase64(input.vocabulary.idf),
      charWeight: input.vocabulary.charWeight,
    },
    ...(embedding
      ? {
          embedding: {
            dimensions: embedding.dimensions,
            weight: embedding.weight,
            words: embedding.words,
            vectors: toBase64(embedding.vectors),
            scales: toBase64(embedding.scales),
          },
        }
      : {}),
    weights: {
      encoding: "csr-by-feature/int16",
      scale,
      pointers: toBase64(pointers),
      classes: toBase64(classes.subarray(0, at)),
      values: toBase64(values.subarray(0, at)),
    },
    bias,
    calibration: { ...input.calibration },
    training: { ...input.training },
  };
}
