// Multinomial naive Bayes folded into the SVM's weights.
//
// The multinomial naive Bayes score of class c for a vector x is
//   log P(x | c) = Σ_j x_j log P(j | c),  P(j | c) = (m_cj + α) / (M_c + α·V),
// where m_cj is the TF-IDF mass of term j in class c's training rows, M_c
// their total mass and V the number of terms (Lidstone smoothing). Written as
//   Σ_j x_j log(1 + m_cj/α)  −  log(M_c + α·V) · Σ_j x_j  +  Σ_j x_j log α,
// the last part is the same for every class (argmax and softmax ignore it),
// the first is sparse (zero for a term never seen in the class), and the middle
// one, the class's length normaliser, is taken at the training rows' mean
// Σ_j x_j, so it becomes a bias: the model keeps one sparse dot product per
// class and its size. `weight` times this is added to the SVM's weights: the
// interpolation of a discriminative and a generative view of the same
// features (in the spirit of Wang & Manning, "Baselines and Bigrams", ACL
// 2012). Chosen by cross-validation: docs/decisions/0014.
import type { CsrMatrix } from "./vectorizer.ts";

export type NaiveBayesOptions = { weight: number; alpha: number };

/** Adds `weight` × the naive Bayes log-likelihood (above) to `weights` (cols then the bias, class after class). */
export function addNaiveBayes(
  weights: Float32Array,
  matrix: CsrMatrix,
  labels: Int32Array,
  rows: Int32Array | null,
  classCount: number,
  options: NaiveBayesOptions,
  /** Only the first `terms` columns (the word and character terms, not embedding dimensions). */
  terms: number = matrix.cols,
): void {
  const cols = matrix.cols;
  const stride = cols + 1;
  const mass = new Float64Array(classCount * terms);
  const total = new Float64Array(classCount);
  const count = rows ? rows.length : matrix.rows;
  for (let s = 0; s < count; s++) {
    const r = rows ? rows[s] : s;
    const c = labels[r];
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) {
      const j = matrix.indices[k];
      if (j >= terms) continue;
      mass[c * terms + j] += matrix.values[k];
      total[c] += matrix.values[k];
    }
  }
  if (count === 0) return;
  const { alpha, weight } = options;
  const meanRowMass = total.reduce((a, b) => a + b, 0) / count;
  const logNorm = Float64Array.from(total, (t) => Math.log(t + alpha * terms));
  const meanLogNorm = logNorm.reduce((a, b) => a + b, 0) / classCount;
  for (let c = 0; c < classCount; c++) {
    for (let j = 0; j < terms; j++) {
      const m = mass[c * terms + j];
      if (m > 0) weights[c * stride + j] += weight * Math.log(1 + m / alpha);
    }
    weights[c * stride + cols] -= weight * (logNorm[c] - meanLogNorm) * meanRowMass;
  }
}
