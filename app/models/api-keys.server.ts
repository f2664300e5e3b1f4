// Per-shop keys for the ingest API (issue 5, item 2d). A key is shown once, at
// creation; only its SHA-256 and a short prefix (to tell keys apart) are stored.
// SHA-256 rather than a slow password hash: the key carries 192 random bits, so
// there is nothing to brute-force, and every API request verifies one.
import { createHash, randomBytes } from "node:crypto";
import prisma from "../db.server.ts";

export const API_KEY_PREFIX = "rr_live_";
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export async function createApiKey({ shop, name }: { shop: string; name: string }) {
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, SHOWN_PREFIX_LENGTH);
  const row = await prisma.apiKey.create({
    data: { shop, name: name.trim().slice(0, 100) || "API key", prefix, hash: hashApiKey(key) },
  });
  return { key, id: row.id, prefix, name: row.name, createdAt: row.createdAt };
}

export async function listApiKeys({ shop }: { shop: string }) {
  return prisma.apiKey.findMany({
    where: { shop },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes one of the shop's keys; another shop's id changes nothing. */
export async function revokeApiKey({ shop, id }: { shop: string; id: string }): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({ where: { id, shop, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The shop a bearer key belongs to, or undefined for a missing, unknown or revoked key. */
export async function authenticateApiKey(authorization: string | null): Promise<{ shop: string; keyId: string } | undefined> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(API_KEY_PREFIX)) return undefined;
  const row = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(match[1]) } });
  if (!row || row.revokedAt) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.updateMany({ where: { id: row.id, shop: row.shop }, data: { lastUsedAt: new Date() } });
  }
  return { shop: row.shop, keyId: row.id };
}
