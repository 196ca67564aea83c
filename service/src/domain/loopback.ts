/**
 * Whether a host names this machine: `localhost`, any address in 127.0.0.0/8 (the whole block loops
 * back, RFC 1122 section 3.2.1.3, not only 127.0.0.1), or ::1, bare as HOST may spell it or bracketed
 * as URL.hostname gives it. The one answer for the configuration (http: URLs), the trial sign-in and
 * the requests it accepts.
 */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name === '::1' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  if (!octets) return false;
  return octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Whether a URL points at this machine (false for anything that is not a URL). */
export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && isLoopback(new URL(url).hostname);
}
