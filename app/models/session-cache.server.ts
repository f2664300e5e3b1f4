// Shopify sessions, read through a short in-process cache. Every app-proxy
// request (the contact form, storefront events) and every Admin API call made
// off a request (order context) loads the shop's offline session; with the
// cache a busy shop's session is read from the database once per TTL instead
// of once or twice per shopper message.
//
// Writes and deletes through this storage, and the app's own direct deletes
// (uninstall, erasure, scope updates: forgetShopSessions), drop the cached
// copy at once. Another instance's changes are seen within the TTL; a token
// revoked meanwhile makes an Admin API call fail, which the pipeline records
// like any other order-lookup failure. Only found sessions are cached.
import type { Session } from "@shopify/shopify-api";
import { processCache } from "./shop-cache.server.ts";

/** The SessionStorage interface of @shopify/shopify-app-session-storage. */
export type SessionStorageLike = {
  storeSession(session: Session): Promise<boolean>;
  loadSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
  findSessionsByShop(shop: string): Promise<Session[]>;
};

type Entry = { session: Session; until: number };

const cache = () => processCache<Entry>("sessions");

/** Drops every cached session of the shop (after the app changed or deleted its rows directly). */
export function forgetShopSessions(shop: string) {
  for (const [id, entry] of cache()) if (entry.session.shop === shop) cache().delete(id);
}

export class CachedSessionStorage implements SessionStorageLike {
  readonly #inner: SessionStorageLike;
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(inner: SessionStorageLike, { ttlMs = 30_000, maxEntries = 1_000 }: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#inner = inner;
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const entry = cache().get(id);
    if (entry && entry.until > Date.now()) return entry.session;
    const session = await this.#inner.loadSession(id);
    if (session && this.#ttlMs > 0) {
      cache().delete(id);
      cache().set(id, { session, until: Date.now() + this.#ttlMs });
      if (cache().size > this.#maxEntries) cache().delete(cache().keys().next().value as string);
    } else {
      cache().delete(id);
    }
    return session;
  }

  async storeSession(session: Session): Promise<boolean> {
    cache().delete(session.id);
    const stored = await this.#inner.storeSession(session);
    // A load that raced with this write may have cached the old row meanwhile.
    cache().delete(session.id);
    return stored;
  }

  async deleteSession(id: string): Promise<boolean> {
    cache().delete(id);
    return this.#inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    for (const id of ids) cache().delete(id);
    return this.#inner.deleteSessions(ids);
  }

  findSessionsByShop(shop: string): Promise<Session[]> {
    return this.#inner.findSessionsByShop(shop);
  }
}
