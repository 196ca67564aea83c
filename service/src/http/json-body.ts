import type { Context } from 'hono';
import { AppError } from '../errors.js';

/** Every body but a document's: the largest create is a few KiB. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body, or a 400 that says what is wrong with it; `maxBytes` for a route that needs more. */
export async function jsonBody(c: Context, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('invalid_input', 'The body must be JSON (Content-Type: application/json).', [{ path: '(body)', message: 'must be JSON' }]);
  }
  const text = await readCapped(c.req.raw, maxBytes);
  if (text === null) {
    throw new AppError('invalid_input', `The body is larger than ${maxBytes} bytes.`, [{ path: '(body)', message: 'is too large' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The body is not valid JSON.', [{ path: '(body)', message: 'is not valid JSON' }]);
  }
}

/** The body as text, or null once it passes `max` bytes: read no further, so a huge upload costs nothing. */
async function readCapped(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get('content-length')) > max) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
