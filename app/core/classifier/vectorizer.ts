// Turns counted terms into sparse TF-IDF vectors.
//
// Weighting: sublinear term frequency 1 + ln(tf) times smoothed inverse
// document frequency ln((1 + n) / (1 + df)) + 1 (Manning, Raghavan & Schütze,
// "Introduction to Information Retrieval", 2008, §6.4.1; the smoothing is
// scikit-learn's). Each block (words, characters) is scaled to unit length on
// its own and then weighted, so a long word block cannot drown the character
// block: the dot product of two vectors is a weighted sum of two cosine
// similarities, the "average of two views". An optional third view, the
// word-embedding block (embeddings.ts), follows both with its own length.
import { appendEmbedding } from "./embeddings.ts";
import type { EmbeddingTable } from "./embeddings.ts";
import { visitTerms, wordCharNgrams } from "./features.ts";
import type { FeatureOptions, Terms } from "./features.ts";

export type VectorizerOptions = {
  /** Terms seen in fewer training messages are dropped. */
  minDf: number;
  /** Share of the squared norm given to the character block (0..1). */
  charWeight: number;
};

export type Vectorizer = {
  wordVocabulary: Map<string, number>;
  /** Character n-gram → feature index (offset by the word vocabulary's size). */
  charVocabulary: Map<string, number>;
  idf: Float32Array;
  charWeight: number;
  /** The word-embedding view: its dimensions come after the character block. */
  embedding: EmbeddingTable | null;
  /** Sparse terms (word and character blocks). */
  termCount: number;
  /** All features: the terms, then the embedding dimensions. */
  size: number;
  /** Prediction cache: a word's known character n-gram indices (words repeat across messages). */
  wordGrams: Map<string, Int32Array>;
};

const WORD_GRAM_CACHE_SIZE = 50_000;

export type SparseVector = { indices: Int32Array; values: Float32Array };

export function fitVectorizer(
  documents: readonly Terms[],
  options: VectorizerOptions,
  embedding: EmbeddingTable | null = null,
): Vectorizer {
  const wordDf = new Map<string, number>();
  const charDf = new Map<string, number>();
  for (const doc of documents) {
    for (const term of doc.word.keys()) wordDf.set(term, (wordDf.get(term) ?? 0) + 1);
    for (const term of doc.char.keys()) charDf.set(term, (charDf.get(term) ?? 0) + 1);
  }
  const wordTerms: string[] = [];
  const charTerms: string[] = [];
  const dfs: number[] = [];
  // Insertion order is first-seen order: deterministic for the same data.
  for (const [term, df] of wordDf) {
    if (df >= options.minDf) {
      wordTerms.push(term);
      dfs.push(df);
    }
  }
  for (const [term, df] of charDf) {
    if (df >= options.minDf) {
      charTerms.push(term);
      dfs.push(df);
    }
  }
  const n = documents.length;
  const idf = new Float32Array(dfs.length);
  for (let i = 0; i < dfs.length; i++) idf[i] = Math.log((1 + n) / (1 + dfs[i])) + 1;
  return createVectorizer(wordTerms, charTerms, idf, options.charWeight, embedding);
}

export function createVectorizer(
  wordTerms: readonly string[],
  charTerms: readonly string[],
  idf: Float32Array,
  charWeight: number,
  embedding: EmbeddingTable | null = null,
): Vectorizer {
  const wordVocabulary = new Map<string, number>();
  for (let i = 0; i < wordTerms.length; i++) wordVocabulary.set(wordTerms[i], i);
  const charVocabulary = new Map<string, number>();
  const offset = wordTerms.length;
  for (let i = 0; i < charTerms.length; i++) charVocabulary.set(charTerms[i], offset + i);
  const termCount = offset + charTerms.length;
  return {
    wordVocabulary,
    charVocabulary,
    idf,
    charWeight,
    embedding,
    termCount,
    size: termCount + (embedding?.dimensions ?? 0),
    wordGrams: new Map(),
  };
}

export function vocabularyTerms(vectorizer: Vectorizer): { word: string[]; char: string[] } {
  return { word: [...vectorizer.wordVocabulary.keys()], char: [...vectorizer.charVocabulary.keys()] };
}

/** Training path: looks terms up in the vocabulary, then weighs them like the prediction path. */
function block(
  counts: Map<string, number>,
  vocabulary: Map<string, number>,
  idf: Float32Array,
  scale: number,
  indices: number[],
  values: number[],
): void {
  const byIndex = new Map<number, number>();
  for (const [term, tf] of counts) {
    const index = vocabulary.get(term);
    if (index !== undefined) byIndex.set(index, tf);
  }
  blockFromIndices(byIndex, idf, scale, indices, values);
}

export function vectorize(vectorizer: Vectorizer, terms: Terms): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  block(terms.word, vectorizer.wordVocabulary, vectorizer.idf, Math.sqrt(1 - vectorizer.charWeight), indices, values);
  block(terms.char, vectorizer.charVocabulary, vectorizer.idf, Math.sqrt(vectorizer.charWeight), indices, values);
  if (vectorizer.embedding && terms.tokens) appendEmbedding(vectorizer.embedding, terms.tokens, vectorizer.termCount, indices, values);
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

function blockFromIndices(
  counts: Map<number, number>,
  idf: Float32Array,
  scale: number,
  indices: number[],
  values: number[],
): void {
  const start = indices.length;
  let norm = 0;
  for (const [index, tf] of counts) {
    const value = (1 + Math.log(tf)) * idf[index];
    indices.push(index);
    values.push(value);
    norm += value * value;
  }
  if (norm === 0) return;
  const factor = scale / Math.sqrt(norm);
  for (let i = start; i < values.length; i++) values[i] *= factor;
}

export type TextVector = SparseVector & {
  /** Word tokens in the message. */
  tokens: number;
  /** Distinct words (not bigrams) of the message that are in the vocabulary. */
  knownWords: number;
};

/**
 * The vector of a message, straight from its text: terms are looked up as
 * they are found, so unknown terms are never counted. The same vector as
 * vectorize(extractTerms(text)), with half the map work (prediction path).
 */
export function vectorizeText(vectorizer: Vectorizer, text: string, options: FeatureOptions): TextVector {
  const wordCounts = new Map<number, number>();
  const charCounts = new Map<number, number>();
  let knownWords = 0;
  const words: string[] | null = vectorizer.embedding ? [] : null;
  const tokens = visitTerms(text, options, {
    token: words ? (folded) => words.push(folded) : undefined,
    word(term, unigram) {
      const index = vectorizer.wordVocabulary.get(term);
      if (index === undefined) return;
      const count = wordCounts.get(index);
      if (count === undefined) {
        wordCounts.set(index, 1);
        if (unigram) knownWords++;
      } else {
        wordCounts.set(index, count + 1);
      }
    },
    char(term) {
      const index = vectorizer.charVocabulary.get(term);
      if (index !== undefined) charCounts.set(index, (charCounts.get(index) ?? 0) + 1);
    },
    charWord(word) {
      let grams = vectorizer.wordGrams.get(word);
      if (grams === undefined) {
        const found: number[] = [];
        wordCharNgrams(word, options, (gram) => {
          const index = vectorizer.charVocabulary.get(gram);
          if (index !== undefined) found.push(index);
        });
        grams = Int32Array.from(found);
        if (vectorizer.wordGrams.size >= WORD_GRAM_CACHE_SIZE) vectorizer.wordGrams.clear();
        vectorizer.wordGrams.set(word, grams);
      }
      for (let i = 0; i < grams.length; i++) charCounts.set(grams[i], (charCounts.get(grams[i]) ?? 0) + 1);
    },
  });
  const indices: number[] = [];
  const values: number[] = [];
  blockFromIndices(wordCounts, vectorizer.idf, Math.sqrt(1 - vectorizer.charWeight), indices, values);
  blockFromIndices(charCounts, vectorizer.idf, Math.sqrt(vectorizer.charWeight), indices, values);
  if (vectorizer.embedding && words) appendEmbedding(vectorizer.embedding, words, vectorizer.termCount, indices, values);
  return { indices: Int32Array.from(indices), values: Float32Array.from(values), tokens, knownWords };
}

/** Rows of sparse vectors in compressed sparse row form, in shareable memory. */
export type CsrMatrix = {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
};

export function toCsrMatrix(vectors: readonly SparseVector[], cols: number): CsrMatrix {
  let nnz = 0;
  for (const v of vectors) nnz += v.indices.length;
  // SharedArrayBuffer so that worker threads read the matrix without a copy.
  const indptr = new Int32Array(new SharedArrayBuffer(4 * (vectors.length + 1)));
  const indices = new Int32Array(new SharedArrayBuffer(4 * Math.max(nnz, 1)));
  const values = new Float32Array(new SharedArrayBuffer(4 * Math.max(nnz, 1)));
  let at = 0;
  for (let r = 0; r < vectors.length; r++) {
    indptr[r] = at;
    indices.set(vectors[r].indices, at);
    values.set(vectors[r].values, at);
    at += vectors[r].indices.length;
  }
  indptr[vectors.length] = at;
  return { rows: vectors.length, cols, indptr, indices, values };
}
