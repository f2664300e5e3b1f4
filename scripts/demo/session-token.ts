// Mints an admin session token (an HS256 JWT signed with the app secret), as
// Shopify's admin does for an embedded app: https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";

export async function mintSessionToken({ shop, apiKey, secret, userId = "1" }: { shop: string; apiKey: string; secret: string; userId?: string }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: userId,
    sid: randomUUID(),
    jti: randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + 60)
    .sign(new TextEncoder().encode(secret));
}

export function adminHostParam(shop: string) {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
}
