/** What every signed-in page does first: know who is asking, show it in the header, and report errors. */
import { api, ApiError } from './api.js';
import { esc } from './format.js';
import type { SessionResponse } from './types.js';

export const signInHref = (): string => `/sign-in/?next=${encodeURIComponent(location.pathname + location.search)}`;

/**
 * Loads the session and fills the header. With nobody signed in the page sends the reader to the
 * sign-in page and resolves to null; the caller then stops.
 */
export async function initPage(): Promise<SessionResponse | null> {
  const who = document.getElementById('who');
  try {
    const info = await api<SessionResponse>('/api/session');
    if (!info.session) {
      location.replace(signInHref());
      return null;
    }
    // Someone who is only ever the team member cannot start a plan: do not offer it.
    if (info.session.canCreatePlans === false) for (const link of document.querySelectorAll<HTMLElement>('[data-starts-plan]')) link.hidden = true;
    if (who) {
      who.innerHTML = `<span class="who-email">${esc(info.session.email)}</span>${info.session.isHr ? ' <span class="badge role">HR</span>' : ''} <button type="button" class="link-button" id="sign-out">Sign out</button>`;
      document.getElementById('sign-out')?.addEventListener('click', signOut);
    }
    return info;
  } catch (error) {
    showError(document.getElementById('page-status'), error, () => location.reload());
    return null;
  }
}

async function signOut(): Promise<void> {
  await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
  location.assign('/sign-in/');
}

/** Puts an error where the reader looks: expired session -> sign-in link; unreachable -> retry. */
export function showError(target: HTMLElement | null, error: unknown, retry?: () => void): void {
  if (!target) return;
  const err = error instanceof ApiError ? error : new ApiError(-1, 'client', error instanceof Error ? error.message : String(error));
  let html: string;
  if (err.unauthenticated) {
    html = `<strong>Your session has expired.</strong> <a href="${esc(signInHref())}">Sign in again</a> to continue.`;
  } else if (err.unreachable) {
    html = `<strong>The service is unreachable.</strong> ${esc(err.message)}`;
  } else {
    html = `<strong>Something went wrong.</strong> ${esc(err.message)}`;
  }
  target.hidden = false;
  target.className = 'notice notice-error';
  target.setAttribute('role', 'alert');
  target.innerHTML = `<p>${html}</p>`;
  if (retry && !err.unauthenticated) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Try again';
    button.addEventListener('click', () => {
      target.hidden = true;
      retry();
    });
    target.append(button);
  }
}

export function clearError(target: HTMLElement | null): void {
  if (!target) return;
  target.hidden = true;
  target.innerHTML = '';
}
