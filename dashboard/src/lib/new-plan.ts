/** The new-plan page: defaults from the session, inline validation, submit, then the document link. */
import { api, ApiError, type ApiIssue } from './api.js';
import { esc, localToday, planHref, providerLabel, safeHref } from './format.js';
import { initPage, showError } from './page.js';
import { restoreDraft, saveDraft } from './plan-draft.js';
import { readPlanForm, validatePlan, type PlanBody } from './plan-form.js';
import { type Notified, type PlanDetail, type SessionResponse, addDays } from './types.js';
import { toldSentence } from './who-was-told.js';

const form = document.getElementById('plan-form') as HTMLFormElement;
const list = document.getElementById('activities') as HTMLElement;
const template = document.getElementById('activity-template') as HTMLTemplateElement;
const summary = document.getElementById('error-summary') as HTMLElement;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
let attempt: { key: string; body: string } | null = null;
let endTouched = false;

/** Gives each activity row the API's paths as names: activities.0.title, activities.1.due, ... */
function renumberActivities(): void {
  const rows = [...list.querySelectorAll<HTMLElement>('.activity')];
  rows.forEach((row, i) => {
    for (const input of row.querySelectorAll<HTMLInputElement>('[data-name]')) {
      const path = `activities.${i}.${input.dataset.name}`;
      input.name = path;
      input.id = path;
      input.setAttribute('aria-describedby', `err-${path}`);
    }
    for (const label of row.querySelectorAll<HTMLLabelElement>('[data-for]')) {
      label.htmlFor = `activities.${i}.${label.dataset.for}`;
      const n = i + 1;
      const hidden = (text: string) => `<span class="visually-hidden">${text}</span>`;
      label.innerHTML =
        label.dataset.for === 'title'
          ? `Activity ${n}`
          : label.dataset.for === 'owner'
            ? `Owner${hidden(` of activity ${n}`)} (optional)`
            : `Due${hidden(` date of activity ${n}`)} (optional)`;
    }
    for (const err of row.querySelectorAll<HTMLElement>('[data-err]')) err.id = `err-activities.${i}.${err.dataset.err}`;
    const remove = row.querySelector<HTMLButtonElement>('.remove');
    if (remove) {
      remove.hidden = rows.length === 1;
      remove.setAttribute('aria-label', `Remove activity ${i + 1}`);
    }
  });
}

function addActivity(focus: boolean): void {
  const row = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  row.querySelector('.remove')?.addEventListener('click', () => {
    row.remove();
    renumberActivities();
    list.querySelector<HTMLInputElement>('input')?.focus();
  });
  list.append(row);
  renumberActivities();
  if (focus) row.querySelector('input')?.focus();
}

function clearIssues(): void {
  summary.hidden = true;
  for (const el of form.querySelectorAll<HTMLElement>('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** Shows each issue under its field (by the API's path) and a linked summary at the top. */
function showIssues(issues: ApiIssue[]): void {
  clearIssues();
  const items: string[] = [];
  for (const issue of issues) {
    const input = field(issue.path);
    const err = document.getElementById(`err-${issue.path}`) ?? document.getElementById(`err-${issue.path.split('.')[0]}`);
    if (err) err.textContent = err.textContent ? `${err.textContent} ${issue.message}` : issue.message;
    input?.setAttribute('aria-invalid', 'true');
    const label = input?.labels?.[0]?.textContent ?? issue.path;
    const target = input?.id ?? (issue.path.startsWith('activities') ? 'add-activity' : issue.path.split('.')[0]);
    items.push(`<li><a href="#${esc(target)}">${esc(label)}: ${esc(issue.message)}</a></li>`);
  }
  summary.innerHTML = `<div><strong>${issues.length === 1 ? 'One thing needs' : `${issues.length} things need`} fixing before the plan can be created:</strong><ul>${items.join('')}</ul></div>`;
  summary.hidden = false;
  summary.focus();
}

function showCreated(plan: PlanDetail, notified: Notified | undefined): void {
  const created = document.getElementById('created') as HTMLElement;
  form.hidden = true;
  created.hidden = false;
  created.className = 'panel';
  const doc = plan.docUrl
    ? `<p><a class="button primary" id="doc-link" href="${safeHref(plan.docUrl)}">Open the plan document</a></p><p class="small muted">Go through it together with ${esc(plan.teamMember.name)}: activities are a proposal they can change.</p>`
    : `<p class="notice notice-warn">The document is not ready yet${plan.failure ? `: ${esc(plan.failure)}` : '.'}</p>`;
  created.innerHTML = `<h2>Plan created for ${esc(plan.teamMember.name)}</h2>
    <p>The document (${esc(providerLabel(plan.provider))}) is shared with ${esc(plan.teamMember.name)}, ${esc(plan.manager.name)}, ${esc(plan.managersManager.name)} and ${esc(plan.hr.name)} only.</p>
    <p id="who-was-told">${esc(toldSentence(plan, notified))}</p>
    ${doc}<p><a href="${planHref(plan)}">See the plan's status</a> · <a href="/new/">Start another plan</a></p>`;
  created.focus();
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const body: PlanBody = readPlanForm(form);
  const issues = validatePlan(body);
  if (issues.length) return showIssues(issues);
  clearIssues();
  const json = JSON.stringify(body);
  // A retry of the same body reuses its key, so a lost response cannot create a second plan.
  if (!attempt || attempt.body !== json) attempt = { key: crypto.randomUUID(), body: json };
  const button = document.getElementById('submit') as HTMLButtonElement;
  button.disabled = true;
  button.textContent = 'Creating the document…';
  try {
    const { plan, notified } = await api<{ plan: PlanDetail; notified?: Notified }>('/api/plans', { method: 'POST', body, headers: { 'idempotency-key': attempt.key } });
    attempt = null;
    showCreated(plan, notified);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.issues.length) showIssues(error.issues);
    else {
      // The session ended while typing: keep the text for after signing in again ("Sign in again").
      if (error instanceof ApiError && error.unauthenticated) saveDraft(form);
      showError(summary, error);
    }
    if (!summary.hidden) summary.focus();
  } finally {
    button.disabled = false;
    button.textContent = 'Create the plan and its document';
  }
}

function setDefaults(info: SessionResponse): void {
  const today = localToday();
  const start = field('startDate');
  const end = field('endDate');
  if (start && end) {
    start.value = today;
    end.value = addDays(today, 30);
    start.addEventListener('change', () => {
      if (!endTouched && start.value) end.value = addDays(start.value, 30);
    });
    end.addEventListener('change', () => (endTouched = true));
  }
  if (info.session && !info.session.isHr) {
    const managerEmail = field('manager.email');
    if (managerEmail) managerEmail.value = info.session.email;
  }
  if (info.hrDefault) {
    field('hr.name')!.value = info.hrDefault.name;
    field('hr.email')!.value = info.hrDefault.email;
  }
  const providers = document.getElementById('providers') as HTMLElement;
  // Signed in (this page needs it), the session names the providers; anonymous answers leave them out.
  const names = info.providers?.length ? info.providers : [info.defaultProvider ?? 'local'];
  providers.innerHTML = names
    .map((name) => `<label><input type="radio" name="provider" value="${esc(name)}"${name === info.defaultProvider ? ' checked' : ''}> ${esc(providerLabel(name))}</label>`)
    .join('');
}

async function main(): Promise<void> {
  addActivity(false);
  document.getElementById('add-activity')?.addEventListener('click', () => addActivity(true));
  form.addEventListener('submit', (event) => void submit(event));
  // Validate a field again as it is corrected, so a fixed error disappears at once (on input, not on
  // blur: a message vanishing on blur would move the button the pointer is pressing).
  form.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.getAttribute('aria-invalid') !== 'true') return;
    const still = validatePlan(readPlanForm(form)).filter((i) => i.path === input.name);
    if (still.length === 0) {
      input.removeAttribute('aria-invalid');
      const err = document.getElementById(`err-${input.name}`);
      if (err) err.textContent = '';
    }
  });
  const info = await initPage();
  if (!info?.session) return;
  setDefaults(info);
  restoreDraft(form, () => addActivity(false));
  form.removeAttribute('aria-busy');
}

void main();
