/**
 * The sign-in page: the company's identity provider (OIDC), an API token, or (trial mode only) an
 * email with the start-up code. Then back where the reader was.
 */
import { api, ApiError } from './api.js';
import { esc, safeNextPath } from './format.js';
import { showError } from './page.js';
import type { SessionResponse } from './types.js';

const status = document.getElementById('page-status');
const query = new URLSearchParams(location.search);

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
function nextPath(): string {
  return safeNextPath(query.get('next'), location.origin);
}

interface Field {
  name: string;
  errorId: string;
  /** The message when the value is missing or malformed; null when it is fine. */
  check(value: string): string | null;
}

function wire(formId: string, fields: Field[], refused: (err: ApiError) => { field: string; message: string }): void {
  const form = document.getElementById(formId) as HTMLFormElement;
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const showFieldError = (field: Field, message: string) => {
    (document.getElementById(field.errorId) as HTMLElement).textContent = message;
    input(field.name).setAttribute('aria-invalid', 'true');
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body: Record<string, string> = {};
    let firstBad: Field | null = null;
    for (const field of fields) {
      const value = input(field.name).value.trim();
      (document.getElementById(field.errorId) as HTMLElement).textContent = '';
      input(field.name).removeAttribute('aria-invalid');
      const problem = field.check(value);
      if (problem) {
        showFieldError(field, problem);
        firstBad ??= field;
      }
      body[field.name] = value;
    }
    if (firstBad) return input(firstBad.name).focus();
    const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    button.disabled = true;
    try {
      await api<SessionResponse>('/api/session', { method: 'POST', body });
      location.assign(nextPath());
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 429)) {
        const { field, message } = refused(err);
        const target = fields.find((f) => f.name === field) ?? (fields[0] as Field);
        showFieldError(target, message);
        input(target.name).focus();
      } else showError(status, err);
    }
  });
}

async function main(): Promise<void> {
  wire('token-form', [{ name: 'token', errorId: 'token-error', check: (v) => (v ? null : 'Enter your API token.') }], (err) => ({
    field: 'token',
    message: err.status === 429 ? err.message : 'That token is not valid. Check it and try again.',
  }));
  wire(
    'email-form',
    [
      { name: 'email', errorId: 'email-error', check: (v) => (/^[^\s@]+@[^\s@]+$/.test(v) ? null : 'Enter an email address.') },
      { name: 'code', errorId: 'code-error', check: (v) => (v ? null : 'Enter the trial sign-in code.') },
    ],
    (err) => ({ field: /code/i.test(err.message) ? 'code' : 'email', message: err.message }),
  );
  // The printed sign-in link carries the code: fill it in, then take it out of the address bar and history.
  const code = query.get('code');
  if (code) {
    (document.getElementById('code') as HTMLInputElement).value = code;
    query.delete('code');
    const rest = query.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}`);
  }
  const oidcLink = document.getElementById('oidc-link') as HTMLAnchorElement;
  oidcLink.href = `/auth/sign-in?next=${encodeURIComponent(nextPath())}`;
  try {
    const info = await api<SessionResponse>('/api/session');
    const methods = info.signIn ?? [];
    (document.getElementById('oidc') as HTMLElement).hidden = !methods.includes('oidc');
    if (info.oidc) oidcLink.textContent = `Sign in with ${info.oidc.name}`;
    (document.getElementById('token-form') as HTMLElement).hidden = !methods.includes('token');
    (document.getElementById('email-form') as HTMLElement).hidden = !methods.includes('trial');
    (document.getElementById('no-sign-in') as HTMLElement).hidden = methods.length > 0;
    if (info.session) {
      const box = document.getElementById('signed-in') as HTMLElement;
      box.hidden = false;
      box.innerHTML = `<p>You are signed in as <strong>${esc(info.session.email)}</strong>. <a href="${esc(nextPath())}">Continue</a> or sign in as someone else below.</p>`;
    }
  } catch (error) {
    showError(status, error, () => location.reload());
  }
}

void main();
