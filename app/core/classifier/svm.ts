// One-vs-rest linear support vector machines with the L2 loss (squared hinge),
// trained by dual coordinate descent:
//
//   C.-J. Hsieh, K.-W. Chang, C.-J. Lin, S. S. Keerthi, S. Sundararajan,
//   "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML 2008
//   (Algorithm 1 with the shrinking of §3.2; the algorithm behind liblinear's
//   default solver, -s 1).
//
// Primal:  min_w ½‖w‖² + C Σ max(0, 1 − y_i wᵀx_i)²
// Dual:    min_α ½αᵀQ̄α − eᵀα,  α ≥ 0,  Q̄ = Q + D,  Q_ij = y_i y_j x_iᵀx_j,  D_ii = 1/(2C)
//
// One coordinate step costs one sparse dot product and one sparse update, and
// w = Σ y_i α_i x_i is kept up to date, so a pass over the data is linear in
// the number of non-zeros. The bias is an extra constant feature (value
// `bias`), regularised like the other weights, as in liblinear's -B option.
import { createRandom, deriveSeed, shuffleInPlace } from "./random.ts";
import type { CsrMatrix } from "./vectorizer.ts";

export type SvmOptions = {
  c: number;
  /** Stopping tolerance on the projected gradient (liblinear's default is 0.1). */
  epsilon: number;
  maxIterations: number;
  bias: number;
  seed: number;
};

export type OvrJob = {
  matrix: CsrMatrix;
  /** Class index of each matrix row. */
  labels: Int32Array;
  /** Rows to train on (all when null). */
  rows: Int32Array | null;
  /** Classes to train a binary model for. */
  classes: number[];
  options: SvmOptions;
};

/** Weights of each requested class: cols weights then the bias, class after class. */
export type OvrResult = { classes: number[]; weights: Float32Array };

function squaredNorms(matrix: CsrMatrix, rows: Int32Array): Float64Array {
  const norms = new Float64Array(rows.length);
  for (let s = 0; s < rows.length; s++) {
    const r = rows[s];
    let sum = 0;
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) sum += matrix.values[k] * matrix.values[k];
    norms[s] = sum;
  }
  return norms;
}

/**
 * Trains one binary L2-loss SVM: rows whose label is `positive` get y = +1,
 * the others −1. Writes cols weights and the bias weight into `out` at `offset`.
 */
function trainBinary(
  matrix: CsrMatrix,
  labels: Int32Array,
  rows: Int32Array,
  norms: Float64Array,
  positive: number,
  options: SvmOptions,
  out: Float32Array,
  offset: number,
): void {
  const { indptr, indices, values } = matrix;
  const l = rows.length;
  const diag = 0.5 / options.c;
  const bias = options.bias;
  const w = new Float64Array(matrix.cols);
  let wBias = 0;
  const alpha = new Float64Array(l);
  const y = new Int8Array(l);
  const qd = new Float64Array(l);
  const index = new Int32Array(l);
  for (let s = 0; s < l; s++) {
    y[s] = labels[rows[s]] === positive ? 1 : -1;
    qd[s] = diag + norms[s] + bias * bias;
    index[s] = s;
  }
  const random = createRandom(deriveSeed(options.seed, positive));
  let activeSize = l;
  let pgMaxOld = Infinity;

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    shuffleInPlace(index, random, activeSize);
    for (let s = 0; s < activeSize; s++) {
      const i = index[s];
      const r = rows[i];
      const start = indptr[r];
      const end = indptr[r + 1];
      let dot = wBias * bias;
      for (let k = start; k < end; k++) dot += w[indices[k]] * values[k];
      const yi = y[i];
      const g = yi * dot - 1 + alpha[i] * diag;
      let pg = 0;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Shrinking: this variable is at its bound and likely to stay there.
          activeSize--;
          index[s] = index[activeSize];
          index[activeSize] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMaxNew) pgMaxNew = pg;
      if (pg < pgMinNew) pgMinNew = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        const next = Math.max(old - g / qd[i], 0);
        alpha[i] = next;
        const d = (next - old) * yi;
        for (let k = start; k < end; k++) w[indices[k]] += d * values[k];
        wBias += d * bias;
      }
    }
    if (pgMaxNew - pgMinNew <= options.epsilon) {
      if (activeSize === l) break;
      // Converged on the active set: check every variable once more.
      activeSize = l;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
  }
  for (let j = 0; j < matrix.cols; j++) out[offset + j] = w[j];
  out[offset + matrix.cols] = wBias * bias;
}

function allRows(count: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return rows;
}

/** Trains the binary models of `job.classes`. Pure and deterministic: any thread gives the same weights. */
export function trainOneVsRest(job: OvrJob): OvrResult {
  const rows = job.rows ?? allRows(job.matrix.rows);
  const norms = squaredNorms(job.matrix, rows);
  const stride = job.matrix.cols + 1;
  const weights = new Float32Array(stride * job.classes.length);
  job.classes.forEach((positive, k) => {
    trainBinary(job.matrix, job.labels, rows, norms, positive, job.options, weights, k * stride);
  });
  return { classes: job.classes, weights };
}
