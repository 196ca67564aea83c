/** The overview page: counts, the filterable table of plans, CSV export, and the reader's own plan. */
import { api } from './api.js';
import { downloadText, toCsv } from './csv.js';
import { esc, formatDate, healthBadge, localToday, phaseBadge, planHref, providerLabel, safeHref } from './format.js';
import { COUNT_CARDS, type ColumnKey, HR_ONLY_COLUMNS, OVERVIEW_COLUMNS } from './overview-columns.js';
import { leadSteps, type NextStep, ownSteps, pickSteps, stepsHtml } from './next-steps.js';
import { csvRow, CSV_HEADER, EMPTY_FILTERS, pageQuery, rowHtml, type Filters, type Sort } from './overview-table.js';
import { clearError, initPage, showError } from './page.js';
import { startThisWeek } from './this-week.js';
import { timelineBar } from './timeline.js';
import type { DashboardPage, PlanRow, Session } from './types.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('filters');
const rows = $<HTMLTableSectionElement>('rows');
const status = $('page-status');

/** Rows on screen (the first pages of the filtered, sorted rows), how many match, how many without filters. */
let shown: PlanRow[] = [];
let total = 0;
let unfiltered = 0;
let filters: Filters = readFiltersFromUrl();
let sort: Sort = { key: 'timeline', dir: 1 };
/** Columns this reader does not see (HR's console columns, for anyone else). */
let hidden: ReadonlySet<ColumnKey> = new Set();
const drawRow = (p: PlanRow) => rowHtml(p, hidden);

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

/** Rows a page of the API brings: more than a tall screen holds; the rest come as the reader scrolls. */
const PAGE_ROWS = 100;
/** The CSV export reads every filtered row, this many a request. */
const EXPORT_PAGE_ROWS = 1000;
let request = 0;
let loadingMore = false;

function fetchPage(offset: number, limit: number, onResponse?: () => void): Promise<DashboardPage> {
  return api<DashboardPage>(`/api/dashboard?${pageQuery(filters, sort, offset, limit)}`, { onResponse });
}

function markSort(): void {
  for (const th of document.querySelectorAll<HTMLElement>('th[data-col]')) {
    const active = th.dataset.col === sort.key;
    if (active) th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
}

function showTotals(): void {
  const filtered = Object.values(filters).some(Boolean);
  $('result-count').textContent = filtered ? `Showing ${total} of ${unfiltered} plans` : `${unfiltered} ${unfiltered === 1 ? 'plan' : 'plans'}`;
  $('no-match').hidden = !(unfiltered > 0 && total === 0);
  $('load-more').hidden = shown.length >= total;
}

/**
 * The first page for the current filters and sort: the server filters, sorts and pages (5,000 plans
 * are too many to send and draw at once). A newer request (filter, sort) wins over an older one.
 */
async function reload(): Promise<DashboardPage | null> {
  const run = ++request;
  markSort();
  const data = await fetchPage(0, PAGE_ROWS, () => performance.mark('cp:data-arrived'));
  if (run !== request) return null;
  shown = data.rows;
  total = data.total;
  unfiltered = data.unfiltered;
  rows.innerHTML = shown.map(drawRow).join('');
  showTotals();
  renderCounts(data);
  // After the rows have been painted: what the benchmark times.
  requestAnimationFrame(() => setTimeout(() => performance.mark('cp:table-drawn')));
  return data;
}

/** The next page, appended: when the reader scrolls near the end of the table, or presses the button. */
async function loadMore(): Promise<void> {
  if (loadingMore || shown.length >= total) return;
  loadingMore = true;
  const run = request;
  try {
    const data = await fetchPage(shown.length, PAGE_ROWS);
    if (run !== request) return;
    shown = [...shown, ...data.rows];
    total = data.total;
    rows.insertAdjacentHTML('beforeend', data.rows.map(drawRow).join(''));
    showTotals();
  } catch (error) {
    showError(status, error);
  } finally {
    loadingMore = false;
  }
}

function refresh(): void {
  clearError(status);
  reload().catch((error: unknown) => showError(status, error, refresh));
}

function renderCounts(data: DashboardPage): void {
  for (const card of COUNT_CARDS) {
    const el = document.querySelector<HTMLElement>(`[data-count="${card.key}"] .count-value`);
    if (el) el.textContent = String(data.counts[card.key] ?? 0);
  }
}

function renderMine(mine: PlanRow[]): void {
  const section = $('mine');
  section.hidden = mine.length === 0;
  $('mine-list').innerHTML = mine
    .map((p) => {
      const s = p.status;
      return `<article class="card"><h3><a href="${planHref(p)}">${esc(p.title)}</a></h3><p class="lede">${esc(p.developmentArea)}</p>
        <p class="badges">${phaseBadge(p)} ${healthBadge(p)}</p>${timelineBar(p, true)}
        <dl class="facts"><div><dt>Dates</dt><dd>${formatDate(p.startDate)} – ${formatDate(p.endDate)}</dd></div>
        <div><dt>Activities done</dt><dd>${s.activities.done} of ${s.activities.total}</dd></div>
        <div><dt>Next check-in</dt><dd>${formatDate(s.nextCheckInDue)}</dd></div>
        <div><dt>Last progress entry</dt><dd>${formatDate(s.lastEntryDate)}</dd></div></dl>
        ${p.docUrl ? `<p><a href="${safeHref(p.docUrl)}" target="_blank" rel="noopener noreferrer">Open your plan document<span class="visually-hidden"> (opens in a new tab)</span></a></p>` : ''}</article>`;
    })
    .join('');
}

/** Steps shown at once; the room for them is kept while loading (no layout jump). */
const STEPS_SHOWN = 3;

/**
 * The reader's own next steps: their own plan's, then the plans they lead or oversee that need them
 * (ended and not closed, missed check-ins, behind; HR also sharing problems), most urgent first.
 */
async function loadSteps(session: Session, mine: PlanRow[]): Promise<void> {
  const ask = (query: string) =>
    api<DashboardPage>(`/api/dashboard?${query}`).then(
      (page) => page.rows,
      () => [] as PlanRow[],
    );
  const queries = ['stage=draft&sort=timeline&limit=20', 'phase=ended&sort=timeline&limit=20', 'phase=active&sort=health&dir=desc&limit=30'];
  if (session.isHr) queries.push('sharing=violation&limit=10');
  const led = (await Promise.all(queries.map(ask))).flat();
  const steps: NextStep[] = [...mine.flatMap(ownSteps), ...led.flatMap((p) => leadSteps(p, session))];
  const picked = pickSteps(steps, 50);
  const list = $('steps-list');
  list.innerHTML = picked.length ? stepsHtml(picked.slice(0, STEPS_SHOWN)) : '<li class="muted">Nothing needs you right now.</li>';
  const more = picked.length - STEPS_SHOWN;
  $('steps-more').hidden = more <= 0;
  $('steps-more').textContent = more > 0 ? `And ${more} more: see ${session.isHr ? 'Check-ins missed under This week, and the table below' : 'the table below'}.` : '';
  $('next-steps').removeAttribute('aria-busy');
}

/** HR's console columns, filters and counts are HR's; anyone else sees their plans without them. */
function fitToRole(session: Session): void {
  if (session.isHr) return;
  hidden = HR_ONLY_COLUMNS;
  for (const el of document.querySelectorAll<HTMLElement>('.hr-only')) el.hidden = true;
  for (const el of document.querySelectorAll('table.plans [data-col]')) if (hidden.has((el as HTMLElement).dataset.col as ColumnKey)) el.remove();
  const width = OVERVIEW_COLUMNS.filter((col) => !hidden.has(col.key)).reduce((sum, col) => sum + col.width, 0);
  document.querySelector<HTMLElement>('table.plans')?.style.setProperty('min-width', `${width}px`);
  for (const row of rows.querySelectorAll('tr.skeleton')) for (let i = 0; i < hidden.size; i++) row.lastElementChild?.remove();
}

function renderEmpty(session: Session): void {
  const empty = $('empty');
  empty.hidden = false;
  empty.innerHTML = session.isHr
    ? `<h3>No coaching plans yet</h3><p>Plans appear here as soon as a manager starts one. Each row shows where the plan is in its 30 days, whether check-ins happen, and whether the document is shared with exactly the four people it should be.</p><p><a class="button primary" href="/new/">Start a coaching plan</a></p>`
    : `<h3>You have no coaching plans</h3><p>To support someone on your team, start a plan: describe the development area, the current and goal state, a few activities and how often you will check in. The document is created and shared with the team member, you, your manager and HR only.</p><p><a class="button primary" href="/new/">Start a coaching plan</a></p>`;
}

/** Every row the filters match, not only those on screen, in the table's order. */
async function exportCsv(): Promise<void> {
  const button = $<HTMLButtonElement>('export-csv');
  button.disabled = true;
  try {
    const all: PlanRow[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE_ROWS) {
      const data = await fetchPage(offset, EXPORT_PAGE_ROWS);
      all.push(...data.rows);
      if (data.rows.length < EXPORT_PAGE_ROWS || all.length >= data.total) break;
    }
    downloadText(`coaching-plans-${localToday()}.csv`, toCsv(CSV_HEADER, all.map(csvRow)));
  } catch (error) {
    showError(status, error);
  } finally {
    button.disabled = false;
  }
}

async function load(session: Session): Promise<void> {
  clearError(status);
  try {
    // The marks let the benchmark time "data arrived -> table drawn" (test/bench/dashboard.bench.ts).
    const data = await reload();
    if (!data) return;
    fillSelect(
      'manager',
      data.options.managers.map((m) => [m.email, m.name]),
    );
    fillSelect(
      'provider',
      data.options.providers.map((p) => [p, providerLabel(p)]),
    );
    writeFilters();
    renderMine(data.mine);
    void loadSteps(session, data.mine);
    // Someone who only has their own plan sees that plan, not an empty table of plans they lead.
    const ownOnly = !session.isHr && data.unfiltered === 0 && data.mine.length > 0;
    $('plans-section').hidden = ownOnly;
    $('counts-section').hidden = ownOnly;
    const none = data.counts.total === 0;
    if (none) renderEmpty(session);
    for (const id of ['filters', 'result-count', 'table-wrap']) $(id).hidden = none;
    $('updated').textContent = `Updated ${new Date(data.generatedAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}`;
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
  startThisWeek();
  fitToRole(session);
  if (!session.isHr) {
    $('title').textContent = 'My plans';
    $('plans-title').textContent = 'Plans you lead';
  } else {
    $('poll-all').hidden = false;
  }
  // Typing in the search box asks the server once the typist pauses; a select asks at once.
  let typing: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('input', (event) => {
    const data = new FormData(form);
    filters = { ...EMPTY_FILTERS, ...Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])) };
    writeFilters();
    clearTimeout(typing);
    typing = setTimeout(refresh, (event.target as HTMLElement | null)?.id === 'f-q' ? 150 : 0);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  const clearFilters = () => {
    filters = { ...EMPTY_FILTERS };
    writeFilters();
    refresh();
  };
  $('clear-filters').addEventListener('click', clearFilters);
  $('no-match-clear').addEventListener('click', clearFilters);
  $('export-csv').addEventListener('click', () => void exportCsv());
  $('load-more').addEventListener('click', () => void loadMore());
  // Scrolling near the end of the rows brings the next page, well before the reader gets there.
  new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), { rootMargin: '1200px 0px' }).observe($('load-more'));
  for (const button of document.querySelectorAll<HTMLButtonElement>('th[data-col] button')) {
    button.addEventListener('click', () => {
      const key = button.closest<HTMLElement>('th')?.dataset.col as ColumnKey;
      sort = { key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 };
      refresh();
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-count] button')) {
    button.addEventListener('click', () => {
      const card = COUNT_CARDS.find((c) => c.key === button.closest<HTMLElement>('[data-count]')?.dataset.count);
      if (!card?.filter) return;
      filters = { ...EMPTY_FILTERS, ...card.filter };
      writeFilters();
      refresh();
      $('plans-title').scrollIntoView({ block: 'start' });
    });
  }
  $('poll-all').addEventListener('click', async () => {
    const button = $<HTMLButtonElement>('poll-all');
    button.disabled = true;
    button.textContent = 'Refreshing…';
    try {
      await api('/api/poll', { method: 'POST' });
      await load(session);
    } catch (error) {
      showError(status, error);
    } finally {
      button.disabled = false;
      button.textContent = 'Refresh from the documents';
    }
  });
  await load(session);
}

void main();
