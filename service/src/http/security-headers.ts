/**
 * Content-Security-Policy: pages run only this service's own script files (the local editor: its one
 * inline script, by a per-response nonce) and talk only to this service, so even plan text that ever
 * slipped into HTML unescaped could neither run nor send a plan elsewhere. API answers allow nothing.
 */
export function pagePolicy(scriptSrc = "'self'"): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // Inline style attributes position the timelines; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A fresh nonce for one page's inline script. */
export const scriptNonce = (): string => crypto.randomUUID().replace(/-/g, '');
