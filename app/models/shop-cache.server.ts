// processCache: named maps kept on globalThis, shared by the built server and
// tests in one process. shopCache: short-lived per-shop copies of rows the storefront's hot path reads on every
// message (settings, reply templates): a copy is used for at most `ttlMs`, and
// every write through our models drops the shop's copies at once
// (docs/decisions/0010). Another instance's writes are seen within `ttlMs`.

type Entry = { value: unknown; until: number };

declare global {
  // On globalThis: the built server and tests running in the same process import
  // separate copies of the modules that cache; resetDatabase (tests) clears them all.
  var replyreelCaches: Map<string, Map<string, unknown>> | undefined;
}

/** The process-wide map called `name` (created on first use). */
export function processCache<V>(name: string): Map<string, V> {
  globalThis.replyreelCaches ??= new Map();
  let map = globalThis.replyreelCaches.get(name);
  if (!map) globalThis.replyreelCaches.set(name, (map = new Map()));
  return map as Map<string, V>;
}

export type ShopCache<T> = {
  get(shop: string, key?: string): T | undefined;
  set(shop: string, value: T, key?: string): void;
  /** Drops every copy of the shop's rows. */
  forget(shop: string): void;
};

export function shopCache<T>(name: string, { ttlMs, maxEntries = 1_000 }: { ttlMs: number; maxEntries?: number }): ShopCache<T> {
  const entries = () => processCache<Entry>(`shop:${name}`);
  const id = (shop: string, key = "") => `${shop}\n${key}`;
  return {
    get(shop, key) {
      const entry = entries().get(id(shop, key));
      return entry && entry.until > Date.now() ? (entry.value as T) : undefined;
    },
    set(shop, value, key) {
      const map = entries();
      map.delete(id(shop, key));
      map.set(id(shop, key), { value, until: Date.now() + ttlMs });
      if (map.size > maxEntries) map.delete(map.keys().next().value as string);
    },
    forget(shop) {
      const map = entries();
      for (const k of map.keys()) if (k.startsWith(`${shop}\n`)) map.delete(k);
    },
  };
}
