/**
 * Content-Security-Policy: pages run only this service's own script files (no inline script at all)
 * and talk only to this service, so even plan text that ever slipped into HTML unescaped could
 * neither run nor send a plan elsewhere. API answers allow nothing.
 */
export function pagePolicy(options: { styleSrc?: string } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Dashboard: inline style attributes position the timelines; styles cannot run code.
    `style-src ${options.styleSrc ?? "'self' 'unsafe-inline'"}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The document editor's policy: its stylesheet, plus the `<style>` elements CodeMirror adds at run
 * time carrying this per-response nonce (EditorView.cspNonce); no inline style otherwise.
 */
export function editorPolicy(styleNonce: string): string {
  return pagePolicy({ styleSrc: `'self' 'nonce-${styleNonce}'` });
}

/** A fresh nonce for one page. */
export const cspNonce = (): string => crypto.randomUUID().replace(/-/g, '');
