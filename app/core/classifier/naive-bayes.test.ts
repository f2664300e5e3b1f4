import { expect, test } from "vitest";
import { addNaiveBayes } from "./naive-bayes.ts";
import { createRandom } from "./random.ts";
import { toCsrMatrix, type SparseVector } from "./vectorizer.ts";

const CLASSES = 4;
const COLS = 12;
const TERMS = 10; // columns 10 and 11 stand for embedding dimensions

function randomRows(count: number, seed: number) {
  const random = createRandom(seed);
  const vectors: SparseVector[] = [];
  const labels: number[] = [];
  for (let r = 0; r < count; r++) {
    const indices = [...new Set(Array.from({ length: 4 }, () => Math.floor(random() * COLS)))].sort((a, b) => a - b);
    vectors.push({ indices: Int32Array.from(indices), values: Float32Array.from(indices, (j) => (j >= TERMS ? random() - 0.5 : 0.1 + random()))});
    labels.push(r % CLASSES);
  }
  return { vectors, labels: Int32Array.from(labels) };
}

/** log P(term | class) by the textbook formula, straight from the rows. */
function referenceLogProbabilities(vectors: SparseVector[], labels: Int32Array, alpha: number): number[][] {
  return Array.from({ length: CLASSES }, (_, c) => {
    const mass = new Array<number>(TERMS).fill(0);
    vectors.forEach((v, r) => {
      if (labels[r] !== c) return;
      v.indices.forEach((j, k) => { if (j < TERMS) mass[j] += v.values[k]; });
    });
    const total = mass.reduce((a, b) => a + b, 0);
    return mass.map((m) => Math.log((m + alpha) / (total + alpha * TERMS)));
  });
}

function score(weights: Float32Array, c: number, v: SparseVector) {
  let sum = weights[c * (COLS + 1) + COLS];
  v.indices.forEach((j, k) => (sum += weights[c * (COLS + 1) + j] * v.values[k]));
  return sum;
}

test("adds weight × log P(x | class) up to a shift shared by every class, for a message of the mean mass", () => {
  const { vectors, labels } = randomRows(40, 1);
  const matrix = toCsrMatrix(vectors, COLS);
  const random = createRandom(2);
  const before = Float32Array.from({ length: CLASSES * (COLS + 1) }, () => random() - 0.5);
  const after = Float32Array.from(before);
  addNaiveBayes(after, matrix, labels, null, CLASSES, { weight: 0.3, alpha: 0.05 }, TERMS);
  const logP = referenceLogProbabilities(vectors, labels, 0.05);
  let termMass = 0;
  for (const v of vectors) v.indices.forEach((j, k) => { if (j < TERMS) termMass += v.values[k]; });
  const meanMass = termMass / vectors.length;
  for (const probe of randomRows(20, 3).vectors) {
    // Scale the probe's terms to the training rows' mean mass, where the length term is exact.
    let mass = 0;
    probe.indices.forEach((j, k) => { if (j < TERMS) mass += probe.values[k]; });
    const x: SparseVector = { indices: probe.indices, values: Float32Array.from(probe.values, (v, k) => (probe.indices[k] < TERMS ? (v * meanMass) / mass : v)) };
    for (let a = 0; a < CLASSES; a++) {
      for (let b = 0; b < CLASSES; b++) {
        const added = score(after, a, x) - score(before, a, x) - (score(after, b, x) - score(before, b, x));
        let expected = 0;
        x.indices.forEach((j, k) => { if (j < TERMS) expected += 0.3 * x.values[k] * (logP[a][j] - logP[b][j]); });
        expect(added).toBeCloseTo(expected, 3);
      }
    }
  }
  // Embedding columns are left alone; a term never seen in a class adds nothing to it.
  for (let c = 0; c < CLASSES; c++) {
    for (const j of [10, 11]) expect(after[c * (COLS + 1) + j]).toBe(before[c * (COLS + 1) + j]);
  }
});

test("counts only the given rows", () => {
  const { vectors, labels } = randomRows(40, 4);
  const rows = Int32Array.from({ length: 25 }, (_, i) => i);
  const subset = new Float32Array(CLASSES * (COLS + 1));
  addNaiveBayes(subset, toCsrMatrix(vectors, COLS), labels, rows, CLASSES, { weight: 1, alpha: 0.01 }, TERMS);
  const alone = new Float32Array(CLASSES * (COLS + 1));
  addNaiveBayes(alone, toCsrMatrix(vectors.slice(0, 25), COLS), labels.slice(0, 25), null, CLASSES, { weight: 1, alpha: 0.01 }, TERMS);
  expect([...subset]).toEqual([...alone]);
  expect(subset.some((w) => w !== 0)).toBe(true);
});

test("a term seen in one class only votes for that class", () => {
  // Term 0 only in class 0's rows, term 1 in every class.
  const vectors: SparseVector[] = [0, 1, 2, 3].map((c) => ({
    indices: Int32Array.from(c === 0 ? [0, 1] : [1]),
    values: Float32Array.from(c === 0 ? [0.7, 0.7] : [1]),
  }));
  const weights = new Float32Array(CLASSES * (COLS + 1));
  addNaiveBayes(weights, toCsrMatrix(vectors, COLS), Int32Array.from([0, 1, 2, 3]), null, CLASSES, { weight: 1, alpha: 0.01 }, TERMS);
  const probe: SparseVector = { indices: Int32Array.from([0]), values: Float32Array.from([1]) };
  const scores = [0, 1, 2, 3].map((c) => score(weights, c, probe));
  expect(scores.indexOf(Math.max(...scores))).toBe(0);
  expect(scores[0] - Math.max(...scores.slice(1))).toBeGreaterThan(3);
  // Sparse: the other classes get no weight for term 0.
  for (const c of [1, 2, 3]) expect(weights[c * (COLS + 1)]).toBe(0);
});
