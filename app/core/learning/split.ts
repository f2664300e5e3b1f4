// Which of a shop's corrections are held back to judge a retrained model
// (issue 6, item 5). The choice is a hash of the shop and the example's id, so
// it is the same on every retrain: an example held back once is never trained
// on later, and the before/after comparison stays fair across versions.

export type SplitOptions = {
  /** Share of examples held back (default 0.2). */
  share?: number;
  /** Held back at least this many when there are enough examples (default 3). */
  minimum?: number;
};

export type Split<T> = { train: T[]; heldBack: T[] };

/** FNV-1a 32-bit hash with MurmurHash3's finaliser (so similar ids spread evenly), as a number in [0, 1). */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}

/**
 * Splits examples (each with a stable id) into training and held-back sets.
 * Examples whose hash falls under `share` are held back; when that gives
 * fewer than `minimum`, the lowest hashes are added, but never more than half
 * of the examples, so training always gets most of them.
 */
export function splitExamples<T extends { id: string }>(examples: readonly T[], salt: string, options: SplitOptions = {}): Split<T> {
  const share = options.share ?? 0.2;
  const minimum = options.minimum ?? 3;
  const ranked = examples
    .map((example) => ({ example, hash: unitHash(`${salt}:${example.id}`) }))
    .sort((a, b) => a.hash - b.hash || (a.example.id < b.example.id ? -1 : 1));
  const byShare = ranked.filter((r) => r.hash < share).length;
  const count = Math.min(Math.max(byShare, minimum), Math.floor(examples.length / 2));
  const held = new Set(ranked.slice(0, count).map((r) => r.example));
  return {
    train: examples.filter((e) => !held.has(e)),
    heldBack: examples.filter((e) => held.has(e)),
  };
}
