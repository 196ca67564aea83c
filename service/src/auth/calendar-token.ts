/**
 * Calendar feed tokens. A calendar app cannot sign in, so the token in the feed's address is the
 * whole secret: 256 random bits (crypto.getRandomValues), 43 base64url characters. The store never
 * keeps the token itself:
 * - its SHA-256 finds the owner when a feed is fetched. Looking a hash up leaks nothing through
 *   timing: an attacker chooses tokens, not their hashes. No secret is involved, so an address keeps
 *   working across restarts whatever SESSION_SECRET is;
 * - a copy sealed with AES-GCM under a key derived from SESSION_SECRET (and bound to the owner's
 *   email) lets the dashboard show the address again. A copy of the database alone gives neither a
 *   working address nor a way to make one.
 */
import { fromBase64, toBase64Url } from '../domain/base64.js';
import type { CalendarTokenRecord } from '../store/types.js';

/** What a token looks like; anything else is refused before any lookup. */
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const encoder = new TextEncoder();

export function newCalendarToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function calendarTokenHash(token: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))));
}

async function sealingKey(secret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('coaching-plans calendar token') },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A new token for this person, with the record the store keeps of it. */
export async function issueCalendarToken(email: string, secret: string, at: string): Promise<{ token: string; record: CalendarTokenRecord }> {
  const token = newCalendarToken();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(email) }, await sealingKey(secret), encoder.encode(token)));
  const both = new Uint8Array(iv.length + sealed.length);
  both.set(iv);
  both.set(sealed, iv.length);
  return { token, record: { email, tokenHash: await calendarTokenHash(token), sealed: toBase64Url(both), createdAt: at } };
}

/**
 * The token of a kept record, or null when it cannot be opened: SESSION_SECRET changed since (on
 * Node without SESSION_SECRET every start has a new one), or the record was tampered with.
 */
export async function openCalendarToken(record: CalendarTokenRecord, secret: string): Promise<string | null> {
  try {
    const both = fromBase64(record.sealed);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: both.slice(0, 12), additionalData: encoder.encode(record.email) }, await sealingKey(secret), both.slice(12));
    const token = new TextDecoder().decode(plain);
    return CALENDAR_TOKEN.test(token) && (await calendarTokenHash(token)) === record.tokenHash ? token : null;
  } catch {
    return null;
  }
}
