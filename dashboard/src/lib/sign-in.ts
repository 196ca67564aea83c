/** The sign-in page: an API token, or (trial mode only) an email. Then back where the reader was. */
import { api, ApiError } from './api.js';
import { esc, safeNextPath } from './format.js';
import { showError } from './page.js';
import type { SessionResponse } from './types.js';

const status = document.getElementById('page-status');

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
function nextPath(): string {
  return safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
}

function wire(formId: string, fieldName: 'token' | 'email', errorId: string): void {
  const form = document.getElementById(formId) as HTMLFormElement;
  const input = form.elements.namedItem(fieldName) as HTMLInputElement;
  const error = document.getElementById(errorId) as HTMLElement;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    if (!value || (fieldName === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value))) {
      error.textContent = fieldName === 'token' ? 'Enter your API token.' : 'Enter an email address.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    button.disabled = true;
    try {
      await api<SessionResponse>('/api/session', { method: 'POST', body: { [fieldName]: value } });
      location.assign(nextPath());
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) {
        error.textContent = fieldName === 'token' ? 'That token is not valid. Check it and try again.' : err.message;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      } else showError(status, err);
    }
  });
}

async function main(): Promise<void> {
  wire('token-form', 'token', 'token-error');
  wire('email-form', 'email', 'email-error');
  try {
    const info = await api<SessionResponse>('/api/session');
    (document.getElementById('email-form') as HTMLElement).hidden = !info.devSignIn;
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
