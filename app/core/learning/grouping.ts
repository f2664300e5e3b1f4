// Groups the messages the classifier answered "unknown" by similarity, so a
// merchant sees "12 messages like this" and can add a template (issue 6,
// item 6). Features are the classifier's own word tokens plus character
// trigrams inside words (typo robust), weighted by TF-IDF (Salton & Buckley,
// 1988) and compared by cosine; clustering is single-pass leader clustering
// (Hartigan, "Clustering Algorithms", 1975, ch. 3) against each group's
// centroid: linear in messages × groups and deterministic in input order.
import { tokenize } from "../classifier/features.ts";

export type GroupInput = { id: string; text: string; /** The classifier's best guess behind "unknown". */ guess?: string | null };

export type MessageGroup = {
  ids: string[];
  count: number;
  /** Up to three member texts, the one closest to the centroid first. */
  samples: string[];
  /** The most telling words of the group. */
  terms: string[];
  /** The most common best guess among members, if any. */
  guess: string | null;
};

export type GroupingOptions = { threshold?: number; maxGroups?: number };

type Vector = Map<string, number>;

function features(text: string): string[] {
  const out: string[] = [];
  // Traditional and simplified Chinese group together, as the classifier sees them.
  for (const word of tokenize(text, 2_000, true)) {
    out.push(`w:${word}`);
    const padded = `<${word}>`;
    if ([...word].length >= 3) for (let i = 0; i + 3 <= padded.length; i++) out.push(`c:${padded.slice(i, i + 3)}`);
  }
  return out;
}

function normalise(vector: Vector): Vector {
  let norm = 0;
  for (const v of vector.values()) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, v] of vector) vector.set(k, v / norm);
  return vector;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot;
}

export function groupBySimilarity(messages: readonly GroupInput[], options: GroupingOptions = {}): MessageGroup[] {
  const threshold = options.threshold ?? 0.3;
  const maxGroups = options.maxGroups ?? 50;
  const docs = messages.map((m) => features(m.text));
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  const vectors = docs.map((doc) => {
    const tf = new Map<string, number>();
    for (const term of doc) tf.set(term, (tf.get(term) ?? 0) + 1);
    const vector: Vector = new Map();
    for (const [term, count] of tf) vector.set(term, (1 + Math.log(count)) * (Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1));
    return normalise(vector);
  });

  type Cluster = { members: number[]; sum: Vector; centroid: Vector };
  const clusters: Cluster[] = [];
  vectors.forEach((vector, index) => {
    if (vector.size === 0) return;
    let best = -1;
    let bestScore = threshold;
    clusters.forEach((cluster, c) => {
      const score = cosine(vector, cluster.centroid);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    });
    if (best === -1) {
      clusters.push({ members: [index], sum: new Map(vector), centroid: new Map(vector) });
      return;
    }
    const cluster = clusters[best];
    cluster.members.push(index);
    for (const [k, v] of vector) cluster.sum.set(k, (cluster.sum.get(k) ?? 0) + v);
    cluster.centroid = normalise(new Map(cluster.sum));
  });

  return clusters
    .map((cluster) => {
      const ranked = [...cluster.members].sort((a, b) => cosine(vectors[b], cluster.centroid) - cosine(vectors[a], cluster.centroid) || a - b);
      const guesses = new Map<string, number>();
      for (const i of cluster.members) {
        const guess = messages[i].guess;
        if (guess) guesses.set(guess, (guesses.get(guess) ?? 0) + 1);
      }
      const guess = [...guesses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
      const terms = [...cluster.centroid]
        .filter(([k]) => k.startsWith("w:"))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([k]) => k.slice(2));
      return {
        ids: cluster.members.map((i) => messages[i].id),
        count: cluster.members.length,
        samples: ranked.slice(0, 3).map((i) => messages[i].text),
        terms,
        guess,
      };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, maxGroups);
}
