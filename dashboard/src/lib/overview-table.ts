/** Filtering, sorting, rows and CSV for the overview table: pure functions of plans and filters. */
import { esc, formatDate, healthBadge, HEALTH_LABELS, phaseBadge, PHASE_LABELS, planHref, providerLabel, SHARING_LABELS, sharingBadge, safeHref } from './format.js';
import type { ColumnKey } from './overview-columns.js';
import { timelineBar } from './timeline.js';
import type { PlanView as Plan } from './types.js';

export interface Filters {
  q: string;
  health: string;
  phase: string;
  manager: string;
  provider: string;
  sharing: string;
}

export interface Sort {
  key: ColumnKey;
  dir: 1 | -1;
}

export const EMPTY_FILTERS: Filters = { q: '', health: '', phase: '', manager: '', provider: '', sharing: '' };

const HEALTH_ORDER = { on_track: 0, at_risk: 1, off_track: 2, overdue: 3 } as const;
const PHASE_ORDER = { scheduled: 0, active: 1, ended: 2, closed: 3 } as const;
const SHARING_ORDER = { ok: 0, pending: 1, repaired: 2, violation: 3 } as const;

/** The value a column sorts by. Missing dates sort last in ascending order. */
const SORT_VALUE: Record<ColumnKey, (p: Plan) => string | number> = {
  teamMember: (p) => p.teamMember.name.toLowerCase(),
  manager: (p) => p.manager.name.toLowerCase(),
  developmentArea: (p) => p.developmentArea.toLowerCase(),
  provider: (p) => p.provider,
  // The plans that end soonest first: the question the Start and End columns used to answer.
  timeline: (p) => `${p.endDate} ${p.startDate}`,
  activities: (p) => (p.status.activities.total ? p.status.activities.done / p.status.activities.total : -1),
  phase: (p) => PHASE_ORDER[p.status.phase] ?? 9,
  health: (p) => HEALTH_ORDER[p.status.health] ?? 9,
  lastEntry: (p) => p.status.lastEntryDate ?? '9999',
  nextCheckIn: (p) => p.status.nextCheckInDue ?? '9999',
  missed: (p) => p.status.missedCheckIns,
  sharing: (p) => SHARING_ORDER[p.sharing.state] ?? 9,
};

export function applyFilters(plans: readonly Plan[], f: Filters): Plan[] {
  const q = f.q.trim().toLowerCase();
  return plans.filter((p) => {
    if (f.health && p.status.health !== f.health) return false;
    if (f.phase && p.status.phase !== f.phase) return false;
    if (f.manager && p.manager.email !== f.manager) return false;
    if (f.provider && p.provider !== f.provider) return false;
    if (f.sharing && p.sharing.state !== f.sharing) return false;
    if (q) {
      const names = `${p.teamMember.name} ${p.teamMember.email} ${p.manager.name} ${p.manager.email} ${p.managersManager.name}`.toLowerCase();
      if (!names.includes(q)) return false;
    }
    return true;
  });
}

export function applySort(plans: Plan[], sort: Sort): Plan[] {
  const value = SORT_VALUE[sort.key];
  return plans
    .map((plan) => ({ plan, v: value(plan) }))
    .sort((a, b) => (a.v < b.v ? -sort.dir : a.v > b.v ? sort.dir : a.plan.teamMember.name.localeCompare(b.plan.teamMember.name)))
    .map((x) => x.plan);
}

function docLink(p: Plan): string {
  const label = esc(providerLabel(p.provider));
  if (!p.docUrl) return `<span class="muted">${label}</span>`;
  return `<a href="${safeHref(p.docUrl)}" target="_blank" rel="noopener noreferrer">${label}<span class="visually-hidden"> document for ${esc(p.teamMember.name)} (opens in a new tab)</span></a>`;
}

function missedCell(p: Plan): string {
  const n = p.status.missedCheckIns;
  return n > 0 ? `<span class="missed">${n}</span>` : '0';
}

export function rowHtml(p: Plan): string {
  const s = p.status;
  const violation = p.sharing.state === 'violation' ? ' class="row-violation"' : '';
  return (
    `<tr${violation} data-id="${esc(p.id)}">` +
    `<th scope="row"><a href="${planHref(p)}">${esc(p.teamMember.name)}</a></th>` +
    `<td data-label="Manager">${esc(p.manager.name)}</td>` +
    `<td data-label="Development area" class="area">${esc(p.developmentArea)}</td>` +
    `<td data-label="Document">${docLink(p)}</td>` +
    `<td data-label="Timeline" class="timeline">${timelineBar(p)}<span class="sub tl-span"><span>${formatDate(p.startDate, true)} – ${formatDate(p.endDate, true)}</span> <span>${s.phase === 'active' ? `Day ${s.day}/${s.totalDays}` : esc(PHASE_LABELS[s.phase] ?? s.phase)}</span></span></td>` +
    `<td data-label="Activities" class="num">${s.activities.done}/${s.activities.total}</td>` +
    `<td data-label="Phase">${phaseBadge(p)}</td>` +
    `<td data-label="Health">${healthBadge(p)}</td>` +
    `<td data-label="Last entry" class="date">${formatDate(s.lastEntryDate, true)}</td>` +
    `<td data-label="Next check-in" class="date">${formatDate(s.nextCheckInDue, true)}</td>` +
    `<td data-label="Missed" class="num">${missedCell(p)}</td>` +
    `<td data-label="Sharing">${sharingBadge(p)}</td>` +
    `</tr>`
  );
}

export const CSV_HEADER = [
  'Team member', 'Team member email', 'Manager', 'Manager email', "Manager's manager", 'HR', 'Development area',
  'Provider', 'Document', 'Start', 'End', 'Day', 'Total days', 'Phase', 'Health', 'Activities done',
  'Activities total', 'Progress entries', 'Last entry', 'Next check-in', 'Missed check-ins', 'Sharing',
] as const;

export function csvRow(p: Plan): (string | number | null)[] {
  const s = p.status;
  return [
    p.teamMember.name, p.teamMember.email, p.manager.name, p.manager.email, p.managersManager.name, p.hr.name,
    p.developmentArea, p.provider, p.docUrl, p.startDate, p.endDate, s.day, s.totalDays,
    PHASE_LABELS[s.phase] ?? s.phase, HEALTH_LABELS[s.health] ?? s.health, s.activities.done, s.activities.total,
    s.progressEntries, s.lastEntryDate, s.nextCheckInDue, s.missedCheckIns, SHARING_LABELS[p.sharing.state] ?? p.sharing.state,
  ];
}
