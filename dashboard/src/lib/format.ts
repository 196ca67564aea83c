/** Words and badges for the values the API returns, shared by every page. */
import type { Health, Phase, PlanRow, SharingState } from './types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything from the API is text: escape it before it goes into HTML. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export const HEALTH_LABELS: Record<Health, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  overdue: 'Overdue',
  awaiting_alignment: 'Awaiting alignment',
  awaiting_sharing: 'Awaiting sharing',
};

export const PHASE_LABELS: Record<Phase, string> = {
  scheduled: 'Scheduled',
  active: 'Active',
  ended: 'Ended',
  closed: 'Closed',
};

export const SHARING_LABELS: Record<SharingState, string> = {
  ok: 'OK',
  repaired: 'Repaired',
  violation: 'Violation',
  pending: 'Pending',
};

/** Where a plan is in the handbook's order (draft, aligned, shared, agreed), in words. */
export function stageWords(plan: Pick<PlanRow, 'stage' | 'alignment' | 'agreement'>): { label: string; detail: string } {
  if (plan.stage === 'draft') return plan.alignment ? { label: 'Awaiting sharing', detail: 'Aligned draft' } : { label: 'Awaiting alignment', detail: 'Draft' };
  if (plan.stage === 'agreed') return { label: 'Agreed', detail: 'Both agreed' };
  const still = [plan.agreement.teamMember ? null : 'team member', plan.agreement.manager ? null : 'manager'].filter(Boolean);
  return { label: 'Shared', detail: still.length ? `To agree: ${still.join(', ')}` : '' };
}

export function stageBadge(plan: Pick<PlanRow, 'stage' | 'alignment' | 'agreement'>): string {
  const { label } = stageWords(plan);
  return `<span class="badge stage-${esc(plan.stage)}${plan.stage === 'draft' && plan.alignment ? ' stage-aligned' : ''}">${esc(label)}</span>`;
}

export const OUTCOME_LABELS: Record<string, string> = {
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  not_achieved: 'Not achieved',
};

/** Where the document lives, in words people use (issue 22.5: not "Local"). */
export const PROVIDER_LABELS: Record<string, string> = { local: 'Document on this service', google: 'Google Docs', notion: 'Notion' };

export const providerLabel = (name: string): string => PROVIDER_LABELS[name] ?? name;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2026-12-03" -> "3 Dec 2026" (or "3 Dec" with short). Calendar dates, no time zone shifts. The result
 * is HTML-safe: text that is not a date (an activity's Due cell as someone typed it) comes back escaped.
 */
export function formatDate(iso: string | null | undefined, short = false): string {
  if (!iso) return '—';
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) ?? [];
  const month = MONTHS[Number(m) - 1];
  if (!y || !month || !d) return esc(iso);
  return short ? `${Number(d)} ${month}` : `${Number(d)} ${month} ${y}`;
}

/** A timestamp in the reader's own zone, for audit logs and "updated at". */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * What the health column says. Health colours come only from check-ins that were due: a plan not
 * started yet says a neutral "Not started" (the API keeps `health: on_track` for it, a stable name);
 * a closed plan says its outcome, never the health it had when it closed.
 */
export function healthWords(plan: Pick<PlanRow, 'state' | 'status' | 'outcome'> & { stage?: PlanRow['stage'] }): { label: string; className: string } {
  if (plan.state === 'closed' || plan.status.phase === 'closed') {
    const outcome = plan.outcome ?? '';
    return { label: OUTCOME_LABELS[outcome] ?? 'Closed', className: `outcome outcome-${outcome || 'none'}` };
  }
  // A draft counts no check-ins yet: its place in the handbook's order is the Stage column's to say.
  if (plan.state === 'creating' || plan.state === 'failed' || plan.status.phase === 'scheduled' || plan.stage === 'draft')
    return { label: 'Not started', className: 'health-not_started' };
  const health = plan.status.health;
  return { label: HEALTH_LABELS[health] ?? health, className: `health-${health}` };
}

export function healthBadge(plan: Pick<PlanRow, 'state' | 'status' | 'outcome'> & { stage?: PlanRow['stage'] }): string {
  const { label, className } = healthWords(plan);
  return `<span class="badge ${className}">${esc(label)}</span>`;
}

export function phaseBadge(plan: PlanRow): string {
  if (plan.state === 'failed') return '<span class="badge phase-failed">Failed</span>';
  if (plan.state === 'creating') return '<span class="badge phase-creating">Creating</span>';
  const phase = plan.status.phase;
  return `<span class="badge phase-${phase}">${esc(PHASE_LABELS[phase] ?? phase)}</span>`;
}

export function sharingBadge(plan: PlanRow): string {
  const state = plan.sharing.state;
  const title = plan.sharing.issues.length ? ` title="${esc(plan.sharing.issues.join('; '))}"` : '';
  const icon = state === 'violation' ? '<span aria-hidden="true">⚠ </span>' : '';
  return `<span class="badge sharing-${state}"${title}>${icon}${esc(SHARING_LABELS[state] ?? state)}</span>`;
}

/** Links from the API go out only as http(s) or same-site paths; anything else becomes inert. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  return /^(https?:\/\/|\/(?!\/))/i.test(url) ? esc(url) : '#';
}

/**
 * Where to go after signing in: a page of this site only, never the sign-in page again. Parsed as the
 * browser will (it reads `/\\evil.test` and `/\t/evil.test` as `//evil.test`), so no prefix check can be fooled.
 */
export function safeNextPath(next: string | null, origin: string): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  // A path starting `//` (from `/..//x`) would itself be read as another host.
  if (url.origin !== origin || url.pathname.startsWith('//') || url.pathname.startsWith('/sign-in')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export const planHref = (plan: Pick<PlanRow, 'id'>): string => `/plan/?id=${encodeURIComponent(plan.id)}`;

/** Today's date as YYYY-MM-DD in the reader's zone (for form defaults only; status comes from the API). */
export function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}
