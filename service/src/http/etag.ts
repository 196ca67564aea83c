import type { Context } from 'hono';

/** A weak validator for a JSON text: the base64url of its SHA-1 (a validator, not a security check). */
async function weakEtag(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)));
  return `W/"${btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/** If-None-Match holds this tag (weak comparison, RFC 9110 13.1.2), or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Answer a JSON object whose first member is `generatedAt`. The ETag covers everything else, so an
 * unchanged dashboard asked again a minute later is "304 Not Modified", with no body to send.
 * `rest` is the object's JSON text without `generatedAt`.
 */
export async function generatedJson(c: Context, generatedAt: Date, rest: string): Promise<Response> {
  const etag = await weakEtag(rest);
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, { etag });
  const members = rest === '{}' ? '' : `,${rest.slice(1, -1)}`;
  return c.body(`{"generatedAt":${JSON.stringify(generatedAt.toISOString())}${members}}`, 200, { etag, 'content-type': 'application/json' });
}
