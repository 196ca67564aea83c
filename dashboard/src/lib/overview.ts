/** The overview page: counts, the filterable table of plans, CSV export, and the reader's own plan. */
import { api } from './api.js';
import { downloadText, toCsv } from './csv.js';
import { esc, formatDate, healthBadge, localToday, phaseBadge, planHref, providerLabel, safeHref } from './format.js';
import { COUNT_CARDS, type ColumnKey } from './overview-columns.js';
import { applyFilters, applySort, csvRow, CSV_HEADER, EMPTY_FILTERS, rowHtml, type Filters, type Sort } from './overview-table.js';
import { clearError, initPage, showError } from './page.js';
import { timelineBar } from './timeline.js';
import type { DashboardResponse, PlanView as Plan, Session } from './types.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('filters');
const rows = $<HTMLTableSectionElement>('rows');
const status = $('page-status');

let all: Plan[] = [];
let shown: Plan[] = [];
let filters: Filters = readFiltersFromUrl();
let sort: Sort = { key: 'timeline', dir: 1 };

function readFiltersFromUrl(): Filters {
  const params = new URLSearchParams(location.search);
  const f = { ...EMPTY_FILTERS };
  for (const key of Object.keys(f) as (keyof Filters)[]) f[key] = params.get(key) ?? '';
  return f;
}

function writeFilters(): void {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
  for (const [key, value] of Object.entries(filters)) {
    const field = form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
    if (field && field.value !== value) field.value = value;
  }
}

function fillSelect(name: string, options: [string, string][]): void {
  const select = form.elements.namedItem(name) as HTMLSelectElement;
  const first = select.options[0]?.outerHTML ?? '';
  select.innerHTML = first + options.map(([value, label]) => `<option value="${esc(value)}">${esc(label)}</option>`).join('');
}

/** Rows drawn at once (more than a tall screen holds); the rest follow in chunks between frames. */
const FIRST_ROWS = 60;
const CHUNK_ROWS = 300;
let renderRun = 0;

/**
 * Draws the filtered, sorted rows. With a thousand plans, laying out every row before the first
 * paint takes a few hundred ms, so the first screenful is drawn at once and the rest is appended in
 * chunks; a newer render (filter, sort) abandons an older one.
 */
function render(): void {
  shown = applySort(applyFilters(all, filters), sort);
  const run = ++renderRun;
  rows.innerHTML = shown.slice(0, FIRST_ROWS).map(rowHtml).join('');
  const appendMore = (from: number) => {
    if (run !== renderRun) return;
    if (from >= shown.length) {
      performance.mark('cp:table-complete');
      return;
    }
    rows.insertAdjacentHTML('beforeend', shown.slice(from, from + CHUNK_ROWS).map(rowHtml).join(''));
    setTimeout(() => appendMore(from + CHUNK_ROWS));
  };
  // After the first screenful has been painted.
  requestAnimationFrame(() => setTimeout(() => appendMore(FIRST_ROWS)));
  const filtered = shown.length !== all.length;
  $('result-count').textContent = filtered ? `Showing ${shown.length} of ${all.length} plans` : `${all.length} ${all.length === 1 ? 'plan' : 'plans'}`;
  $('no-match').hidden = !(all.length > 0 && shown.length === 0);
  for (const th of document.querySelectorAll<HTMLElement>('th[data-col]')) {
    const active = th.dataset.col === sort.key;
    if (active) th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

function renderCounts(data: DashboardResponse): void {
  for (const card of COUNT_CARDS) {
    const el = document.querySelector<HTMLElement>(`[data-count="${card.key}"] .count-value`);
    if (el) el.textContent = String(data.counts[card.key] ?? 0);
  }
}

function renderMine(mine: Plan[]): void {
  const section = $('mine');
  section.hidden = mine.length === 0;
  $('mine-list').innerHTML = mine
    .map((p) => {
      const s = p.status;
      return `<article class="card"><h3><a href="${planHref(p)}">${esc(p.developmentArea)}</a></h3>
        <p class="badges">${phaseBadge(p)} ${healthBadge(p)}</p>${timelineBar(p, true)}
        <dl class="facts"><div><dt>Dates</dt><dd>${formatDate(p.startDate)} – ${formatDate(p.endDate)}</dd></div>
        <div><dt>Activities done</dt><dd>${s.activities.done} of ${s.activities.total}</dd></div>
        <div><dt>Next check-in</dt><dd>${formatDate(s.nextCheckInDue)}</dd></div>
        <div><dt>Last progress entry</dt><dd>${formatDate(s.lastEntryDate)}</dd></div></dl>
        ${p.docUrl ? `<p><a href="${safeHref(p.docUrl)}" target="_blank" rel="noopener noreferrer">Open your plan document<span class="visually-hidden"> (opens in a new tab)</span></a></p>` : ''}</article>`;
    })
    .join('');
}

function renderEmpty(session: Session): void {
  const empty = $('empty');
  empty.hidden = false;
  empty.innerHTML = session.isHr
    ? `<h3>No coaching plans yet</h3><p>Plans appear here as soon as a manager starts one. Each row shows where the plan is in its 30 days, whether check-ins happen, and whether the document is shared with exactly the four people it should be.</p><p><a class="button primary" href="/new/">Start a coaching plan</a></p>`
    : `<h3>You have no coaching plans</h3><p>To support someone on your team, start a plan: describe the development area, the current and goal state, a few activities and how often you will check in. The document is created and shared with the team member, you, your manager and HR only.</p><p><a class="button primary" href="/new/">Start a coaching plan</a></p>`;
}

function exportCsv(): void {
  downloadText(`coaching-plans-${localToday()}.csv`, toCsv(CSV_HEADER, shown.map(csvRow)));
}

async function load(session: Session): Promise<void> {
  clearError(status);
  try {
    // The marks let the benchmark time "data arrived -> table drawn" (test/bench/dashboard.bench.ts).
    const data = await api<DashboardResponse>('/api/dashboard', { onResponse: () => performance.mark('cp:data-arrived') });
    const mine = session.isHr ? [] : data.plans.filter((p) => p.teamMember.email === session.email);
    all = session.isHr ? data.plans : data.plans.filter((p) => p.teamMember.email !== session.email);
    fillSelect('manager', [...new Map(all.map((p) => [p.manager.email, p.manager.name])).entries()].sort((a, b) => a[1].localeCompare(b[1])));
    fillSelect('provider', [...new Set(all.map((p) => p.provider))].sort().map((p) => [p, providerLabel(p)]));
    writeFilters();
    renderCounts(data);
    renderMine(mine);
    // Someone who only has their own plan sees that plan, not an empty table of plans they lead.
    const ownOnly = !session.isHr && all.length === 0 && mine.length > 0;
    $('plans-section').hidden = ownOnly;
    $('counts-section').hidden = ownOnly;
    const none = data.plans.length === 0;
    if (none) renderEmpty(session);
    for (const id of ['filters', 'result-count', 'table-wrap']) $(id).hidden = none;
    render();
    $('updated').textContent = `Updated ${new Date(data.generatedAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}`;
    requestAnimationFrame(() => setTimeout(() => performance.mark('cp:table-drawn')));
  } catch (error) {
    rows.innerHTML = '';
    showError(status, error, () => void load(session));
  } finally {
    $('table-wrap').removeAttribute('aria-busy');
  }
}

async function main(): Promise<void> {
  const info = await initPage();
  if (!info?.session) return;
  const session = info.session;
  if (!session.isHr) {
    $('title').textContent = 'My plans';
    $('plans-title').textContent = 'Plans you lead';
  } else {
    $('poll-all').hidden = false;
  }
  form.addEventListener('input', () => {
    const data = new FormData(form);
    filters = { ...EMPTY_FILTERS, ...Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])) };
    writeFilters();
    render();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  const clearFilters = () => {
    filters = { ...EMPTY_FILTERS };
    writeFilters();
    render();
  };
  $('clear-filters').addEventListener('click', clearFilters);
  $('no-match-clear').addEventListener('click', clearFilters);
  $('export-csv').addEventListener('click', exportCsv);
  for (const button of document.querySelectorAll<HTMLButtonElement>('th[data-col] button')) {
    button.addEventListener('click', () => {
      const key = button.closest<HTMLElement>('th')?.dataset.col as ColumnKey;
      sort = { key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 };
      render();
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-count] button')) {
    button.addEventListener('click', () => {
      const card = COUNT_CARDS.find((c) => c.key === button.closest<HTMLElement>('[data-count]')?.dataset.count);
      if (!card?.filter) return;
      filters = { ...EMPTY_FILTERS, ...card.filter };
      writeFilters();
      render();
      $('plans-title').scrollIntoView({ block: 'start' });
    });
  }
  $('poll-all').addEventListener('click', async () => {
    const button = $<HTMLButtonElement>('poll-all');
    button.disabled = true;
    button.textContent = 'Reading documents…';
    try {
      await api('/api/poll', { method: 'POST' });
      await load(session);
    } catch (error) {
      showError(status, error);
    } finally {
      button.disabled = false;
      button.textContent = 'Read documents now';
    }
  });
  await load(session);
}

void main();
