// Secrets at rest (SPEC §8): SMTP passwords and inbound-email secrets are
// stored encrypted with AES-256-GCM under REPLYREEL_ENCRYPTION_KEY. The stored
// form is "v1:<iv>:<tag>:<ciphertext>" (base64url); the shop domain is bound
// as additional authenticated data, so a value copied into another shop's row
// does not decrypt. Plain values are never logged.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "../env.server.ts";

const VERSION = "v1";

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretError";
  }
}

/** The 32-byte key from a base64 or hex string; throws saying what is wrong. */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new SecretError("REPLYREEL_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64 (openssl rand -base64 32)");
  }
  return key;
}

function key(): Buffer {
  return parseEncryptionKey(env().REPLYREEL_ENCRYPTION_KEY);
}

export function encryptSecret({ shop, value }: { shop: string; value: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(shop, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret({ shop, stored }: { shop: string; stored: string }): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new SecretError("stored secret has an unknown format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(shop, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretError("stored secret does not decrypt: REPLYREEL_ENCRYPTION_KEY changed, or the value belongs to another shop");
  }
}
