/** The plan detail page: `/plan/?id=...`. Renders the plan and wires poll, close and extend. */
import { api, ApiError } from './api.js';
import { detailHtml } from './detail-view.js';
import { initPage, showError } from './page.js';
import { esc, OUTCOME_LABELS } from './format.js';
import { toldSentence } from './who-was-told.js';
import { confirmText } from './plan-actions.js';
import type { Notified, PlanDetail as Plan } from './types.js';

const root = document.getElementById('detail') as HTMLElement;
const status = document.getElementById('page-status');
const id = new URLSearchParams(location.search).get('id') ?? '';
const planPath = `/api/plans/${encodeURIComponent(id)}`;
/** Who is looking (from the session): HR gets HR's controls. */
const viewer = { isHr: false };

function notFound(): void {
  root.removeAttribute('aria-busy');
  root.innerHTML = `<h1>Plan not found</h1><p>There is no plan at this address that you can see. Plans are visible only to the team member, their manager, the manager's manager and HR.</p><p><a href="/">Back to your plans</a></p>`;
  document.title = 'Plan not found · Coaching plans';
}

function render(plan: Plan): void {
  root.removeAttribute('aria-busy');
  root.innerHTML = detailHtml(plan, viewer);
  document.title = `${plan.title} · Coaching plans`;
  wire(plan);
}

async function act(button: HTMLButtonElement, errorEl: HTMLElement | null, call: () => Promise<{ plan?: Plan } | undefined>, done: string): Promise<void> {
  button.disabled = true;
  if (errorEl) errorEl.textContent = '';
  try {
    const result = await call();
    const plan = result?.plan ?? (await api<{ plan: Plan }>(planPath)).plan;
    render(plan);
    const live = document.getElementById('action-status');
    if (live) live.textContent = done;
  } catch (error) {
    button.disabled = false;
    if (error instanceof ApiError && !error.unauthenticated && !error.unreachable && errorEl) {
      errorEl.textContent = error.issues.map((i) => i.message).join(' ') || error.message;
    } else {
      showError(status, error);
    }
  }
}

/** Asks before closing, naming the outcome; the dialog is modal, so focus stays in it until answered. */
function confirmClose(plan: Plan, outcome: string, early: boolean, proceed: () => void): void {
  const dialog = document.getElementById('close-confirm') as HTMLDialogElement;
  const yes = document.getElementById('close-confirm-yes') as HTMLButtonElement;
  (document.getElementById('close-confirm-text') as HTMLElement).textContent = confirmText(plan, outcome, early);
  yes.textContent = `Close as “${OUTCOME_LABELS[outcome] ?? outcome}”`;
  const answer = (go: boolean) => {
    dialog.close();
    if (go) proceed();
  };
  yes.onclick = () => answer(true);
  (document.getElementById('close-confirm-no') as HTMLButtonElement).onclick = () => answer(false);
  dialog.showModal();
  (document.getElementById('close-confirm-no') as HTMLButtonElement).focus();
}

/** The handbook's next step (plan-actions.ts nextStepPanel): align, share, agree, or close at the end. */
function wireNextStep(plan: Plan): void {
  const alignForm = document.getElementById('align-form') as HTMLFormElement | null;
  alignForm?.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = String(new FormData(alignForm).get('note') ?? '').trim();
    const button = document.getElementById('next-align') as HTMLButtonElement;
    void act(
      button,
      document.getElementById('align-error'),
      () => api(`${planPath}/align`, { method: 'POST', body: note ? { note } : {} }),
      `Aligned: ${plan.manager.name} can now share it with ${plan.teamMember.name}.`,
    );
  });
  const share = document.getElementById('next-share') as HTMLButtonElement | null;
  share?.addEventListener('click', () => {
    const keepDates = (document.getElementById('keep-dates') as HTMLInputElement | null)?.checked === true;
    void act(
      share,
      document.getElementById('share-error'),
      async () => {
        const answer = await api<{ plan: Plan; notified?: Notified }>(`${planPath}/share`, { method: 'POST', body: keepDates ? { keepDates } : {} });
        toldAfterRender = toldSentence(answer.plan, answer.notified, true);
        return answer;
      },
      `Shared with ${plan.teamMember.name}.`,
    );
  });
  const agree = document.getElementById('next-agree') as HTMLButtonElement | null;
  agree?.addEventListener(
    'click',
    () => void act(agree, document.getElementById('agree-error'), () => api(`${planPath}/agree`, { method: 'POST', body: {} }), 'Your agreement is recorded.'),
  );
  document.getElementById('next-close')?.addEventListener('click', () => {
    const form = document.getElementById('close-form');
    form?.scrollIntoView({ block: 'center' });
    form?.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
  });
}

/** After a share: who was told, shown once the page is drawn again. */
let toldAfterRender = '';

function wire(plan: Plan): void {
  wireNextStep(plan);
  const reopen = document.getElementById('reopen-form') as HTMLFormElement | null;
  reopen?.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = String(new FormData(reopen).get('reason') ?? '').trim();
    const field = document.getElementById('reopen-reason') as HTMLTextAreaElement;
    const error = document.getElementById('reopen-error');
    if (!reason) {
      if (error) error.textContent = 'Say why the plan is reopened.';
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      return;
    }
    const button = reopen.querySelector('button[type="submit"]') as HTMLButtonElement;
    void act(button, error, () => api(`${planPath}/reopen`, { method: 'POST', body: { reason } }), 'Plan reopened.');
  });
  if (toldAfterRender) {
    const told = document.createElement('div');
    told.className = 'notice notice-ok';
    told.setAttribute('role', 'status');
    told.innerHTML = `<p><strong>Shared with ${esc(plan.teamMember.name)}.</strong> ${esc(toldAfterRender)}</p>`;
    document.getElementById('action-status')?.after(told);
    toldAfterRender = '';
  }
  const remind = document.getElementById('remind') as HTMLButtonElement | null;
  remind?.addEventListener('click', async () => {
    const error = document.getElementById('remind-error') as HTMLElement;
    remind.disabled = true;
    error.textContent = '';
    try {
      const answer = await api<{ sent: string[]; plan: Plan }>(`${planPath}/remind`, { method: 'POST' });
      render(answer.plan);
      const done = document.getElementById('remind-done');
      if (done) done.textContent = `Reminder sent: ${answer.sent.join(', ')}.`;
      else (document.getElementById('action-status') as HTMLElement).textContent = `Reminder sent: ${answer.sent.join(', ')}.`;
    } catch (failure) {
      remind.disabled = false;
      if (failure instanceof ApiError && !failure.unauthenticated && !failure.unreachable) error.textContent = failure.message;
      else showError(status, failure);
    }
  });

  const poll = document.getElementById('poll-plan') as HTMLButtonElement | null;
  poll?.addEventListener('click', () => void act(poll, null, () => api(`${planPath}/poll`, { method: 'POST' }), 'Refreshed from the document.'));

  const close = document.getElementById('close-form') as HTMLFormElement | null;
  close?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(close);
    const outcome = String(data.get('outcome') ?? '');
    const note = String(data.get('note') ?? '').trim();
    const early = close.dataset.early === 'true';
    const error = document.getElementById('close-error');
    const noteField = document.getElementById('close-note') as HTMLTextAreaElement;
    noteField.removeAttribute('aria-invalid');
    if (!outcome) {
      if (error) error.textContent = 'Choose an outcome.';
      close.querySelector<HTMLInputElement>('input[name="outcome"]')?.focus();
      return;
    }
    if (early && !note) {
      if (error) error.textContent = 'Say why the plan closes before its end date.';
      noteField.setAttribute('aria-invalid', 'true');
      noteField.focus();
      return;
    }
    if (error) error.textContent = '';
    const submit = close.querySelector('button[type="submit"]') as HTMLButtonElement;
    confirmClose(
      plan,
      outcome,
      early,
      () =>
        void act(
          submit,
          error,
          () => api(`${planPath}/close`, { method: 'POST', body: note ? { outcome, note } : { outcome } }),
          `Plan closed: ${OUTCOME_LABELS[outcome] ?? outcome}.`,
        ),
    );
  });

  const extend = document.getElementById('extend-form') as HTMLFormElement | null;
  extend?.addEventListener('submit', (event) => {
    event.preventDefault();
    const endDate = String(new FormData(extend).get('endDate') ?? '');
    const error = document.getElementById('extend-error');
    const input = document.getElementById('extend-date') as HTMLInputElement;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || endDate <= plan.endDate) {
      if (error) error.textContent = `Choose a date after the current end (${plan.endDate}).`;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    const button = extend.querySelector('button[type="submit"]') as HTMLButtonElement;
    void act(button, error, () => api(`${planPath}/extend`, { method: 'POST', body: { endDate } }), 'Plan extended.');
  });
}

async function load(): Promise<void> {
  try {
    const { plan } = await api<{ plan: Plan }>(planPath);
    render(plan);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return notFound();
    root.removeAttribute('aria-busy');
    root.innerHTML = '';
    showError(status, error, () => location.reload());
  }
}

async function main(): Promise<void> {
  const info = await initPage();
  if (!info?.session) return;
  viewer.isHr = info.session.isHr;
  if (!id) return notFound();
  await load();
}

void main();
