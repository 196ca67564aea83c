import type { Context } from 'hono';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './caller.js';

/** Longest address kept as a throttle key: an IPv6 address with a zone fits; anything longer is not one. */
const MAX_ADDRESS_LENGTH = 64;
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];
const warned = new WeakSet<AppDeps>();

/**
 * The client's address in a header written by trusted proxies: the `hops`-th entry from the right,
 * since each proxy appends the address it saw (entries further left are whatever the client sent).
 * Undefined when the header has fewer entries than there are proxies (the request did not pass them all).
 * `Forwarded` (RFC 7239) entries are read for their `for=` parameter.
 */
export function addressFromProxyHeader(value: string | undefined, hops: number): string | undefined {
  if (!value) return undefined;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[entries.length - hops];
  if (entry === undefined) return undefined;
  const address = /(?:^|;)\s*for=/i.test(entry) ? /for="?\[?([^\]";,]*)/i.exec(entry)?.[1] : entry;
  return address && address.length <= MAX_ADDRESS_LENGTH ? address : undefined;
}

/**
 * Whom the sign-in throttle counts a request against. With TRUSTED_PROXY_HEADER set, the address the
 * outermost trusted proxy saw; otherwise (or when the header is missing) the runtime's own view: the
 * socket on Node, CF-Connecting-IP on Workers. Behind a proxy without the setting every client shares
 * the proxy's address, so the first such request says so in the log, once.
 */
export function clientAddressOf(c: Context<AppEnv>, deps: AppDeps): string | undefined {
  const header = deps.config.TRUSTED_PROXY_HEADER;
  if (header) return addressFromProxyHeader(c.req.header(header), deps.config.TRUSTED_PROXY_HOPS) ?? deps.clientAddress?.(c);
  if (!warned.has(deps)) {
    const seen = FORWARDING_HEADERS.find((name) => c.req.header(name) !== undefined);
    if (seen) {
      warned.add(deps);
      deps.log(
        `[sign-in] requests arrive through a proxy (${seen}) but TRUSTED_PROXY_HEADER is unset: failed sign-ins are counted against the proxy's address, which every client shares (docs/configuration.md)`,
      );
    }
  }
  return deps.clientAddress?.(c);
}
