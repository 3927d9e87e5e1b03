import type { IncomingMessage } from 'node:http';

/** A file's bytes as the request sent them; `tooLarge` past the endpoint's limit (then no bytes are kept). */
export interface RawBody {
  bytes: Buffer;
  tooLarge: boolean;
}

/**
 * Reads a raw request body (the body parser only parses JSON, which it has then consumed: an empty
 * body here). Past `limit` it keeps draining without storing, so the client still gets its 413;
 * far past it (4×) the connection is dropped instead of draining a huge body.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  if (req.readableEnded) return { bytes: Buffer.alloc(0), tooLarge: false };
  const drainLimit = 4 * limit;
  if (Number(req.headers['content-length'] ?? NaN) > drainLimit) {
    req.destroy();
    return { bytes: Buffer.alloc(0), tooLarge: true };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > drainLimit) {
      req.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? { bytes: Buffer.alloc(0), tooLarge: true } : { bytes: Buffer.concat(chunks), tooLarge: false };
}
