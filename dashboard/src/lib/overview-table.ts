/** The overview table's query, rows and CSV: pure functions of rows and filters. */
import {
  esc,
  formatDate,
  healthBadge,
  healthWords,
  OUTCOME_LABELS,
  phaseBadge,
  stageWords,
  PHASE_LABELS,
  planHref,
  providerLabel,
  SHARING_LABELS,
  sharingBadge,
  safeHref,
} from './format.js';
import type { ColumnKey } from './overview-columns.js';
import { timelineBar } from './timeline.js';
import type { PlanRow } from './types.js';

export interface Filters {
  q: string;
  health: string;
  phase: string;
  manager: string;
  provider: string;
  sharing: string;
  stage: string;
  kind: string;
}

export interface Sort {
  key: ColumnKey;
  dir: 1 | -1;
}

export const EMPTY_FILTERS: Filters = { q: '', health: '', phase: '', manager: '', provider: '', sharing: '', stage: '', kind: '' };

/** The query of one page of `/api/dashboard`: filtering and sorting happen on the server. */
export function pageQuery(filters: Filters, sort: Sort, offset: number, limit: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('sort', sort.key);
  params.set('dir', sort.dir === 1 ? 'asc' : 'desc');
  params.set('offset', String(offset));
  params.set('limit', String(limit));
  return params.toString();
}

function docLink(p: PlanRow): string {
  const label = esc(providerLabel(p.provider));
  if (!p.docUrl) return `<span class="muted">${label}</span>`;
  return `<a href="${safeHref(p.docUrl)}" target="_blank" rel="noopener noreferrer">${label}<span class="visually-hidden"> document for ${esc(p.teamMember.name)} (opens in a new tab)</span></a>`;
}

function missedCell(p: PlanRow): string {
  const n = p.status.missedCheckIns;
  return n > 0 ? `<span class="missed">${n}</span>` : '0';
}

/** One row; `hidden` columns (HR's, for anyone else) are left out, as their headers are. */
export function rowHtml(p: PlanRow, hidden: ReadonlySet<ColumnKey> = new Set()): string {
  const s = p.status;
  const violation = p.sharing.state === 'violation' && !hidden.has('sharing') ? ' class="row-violation"' : '';
  const cells: [ColumnKey, string][] = [
    ['manager', `<td data-label="Manager">${esc(p.manager.name)}</td>`],
    ['developmentArea', `<td data-label="Development area" class="area">${esc(p.developmentArea)}</td>`],
    ['provider', `<td data-label="Document">${docLink(p)}</td>`],
    ['stage', `<td data-label="Stage" class="stage">${esc(stageWords(p).label)}<span class="sub">${esc(stageWords(p).detail)}</span></td>`],
    [
      'timeline',
      `<td data-label="Timeline" class="timeline">${timelineBar(p)}<span class="sub tl-span"><span>${formatDate(p.startDate, true)} – ${formatDate(p.endDate, true)}</span> <span>${s.phase === 'active' ? `Day ${s.day}/${s.totalDays}` : esc(PHASE_LABELS[s.phase] ?? s.phase)}</span></span></td>`,
    ],
    ['activities', `<td data-label="Activities" class="num">${s.activities.done}/${s.activities.total}</td>`],
    ['phase', `<td data-label="Phase">${phaseBadge(p)}</td>`],
    ['health', `<td data-label="Health">${healthBadge(p)}</td>`],
    ['lastEntry', `<td data-label="Last entry" class="date">${formatDate(s.lastEntryDate, true)}</td>`],
    ['nextCheckIn', `<td data-label="Next check-in" class="date">${formatDate(s.nextCheckInDue, true)}</td>`],
    ['missed', `<td data-label="Missed" class="num">${missedCell(p)}</td>`],
    ['sharing', `<td data-label="Sharing">${sharingBadge(p)}</td>`],
  ];
  return (
    `<tr${violation} data-id="${esc(p.id)}">` +
    `<th scope="row"><a href="${planHref(p)}">${esc(p.teamMember.name)}</a></th>` +
    cells
      .filter(([key]) => !hidden.has(key))
      .map(([, html]) => html)
      .join('') +
    `</tr>`
  );
}

export const CSV_HEADER = [
  'Team member',
  'Team member email',
  'Manager',
  'Manager email',
  "Manager's manager",
  'HR',
  'Development area',
  'Provider',
  'Document',
  'Start',
  'End',
  'Day',
  'Total days',
  'Phase',
  'Health',
  'Activities done',
  'Activities total',
  'Progress entries',
  'Last entry',
  'Next check-in',
  'Missed check-ins',
  'Sharing',
  'Outcome',
  'Closed on',
  'Stage',
  'Kind',
] as const;

export function csvRow(p: PlanRow): (string | number | null)[] {
  const s = p.status;
  return [
    p.teamMember.name,
    p.teamMember.email,
    p.manager.name,
    p.manager.email,
    p.managersManager.name,
    p.hr.name,
    p.developmentArea,
    p.provider,
    p.docUrl,
    p.startDate,
    p.endDate,
    s.day,
    s.totalDays,
    PHASE_LABELS[s.phase] ?? s.phase,
    healthWords(p).label,
    s.activities.done,
    s.activities.total,
    s.progressEntries,
    s.lastEntryDate,
    s.nextCheckInDue,
    s.missedCheckIns,
    SHARING_LABELS[p.sharing.state] ?? p.sharing.state,
    p.outcome ? (OUTCOME_LABELS[p.outcome] ?? p.outcome) : '',
    p.closedAt?.slice(0, 10) ?? '',
    stageWords(p).label,
    p.kind,
  ];
}
