// Reads a request body up to a byte limit without buffering more than that:
// a declared Content-Length over the limit is refused before reading, and a
// chunked body is cut off as soon as it passes the limit (SPEC §8 "413").

export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the body is larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/**
 * For an answer given before the request body was read: the connection is
 * closed after it, so the unread rest never reaches the next request on a
 * kept-alive socket.
 */
export const UNREAD_BODY_HEADERS = { Connection: "close" } as const;

export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function readLimitedText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readLimitedBody(request, limit));
}

export function payloadTooLarge(limit: number): Response {
  return Response.json({ error: "payload_too_large", reason: `the body is larger than ${limit} bytes` }, { status: 413, headers: UNREAD_BODY_HEADERS });
}
