/** The plan detail as HTML: header, timeline, activities, progress log, people, sharing, audit. */
import { esc, formatDate, formatTimestamp, healthBadge, OUTCOME_LABELS, phaseBadge, providerLabel, sharingBadge, safeHref, stageBadge } from './format.js';
import { timelineBar } from './timeline.js';
import { actionsPanel, nextStepPanel, remindPanel, reopenPanel } from './plan-actions.js';
import { auditActor, auditKindWords, auditSentence } from './audit-words.js';
import type { PlanDetail as Plan } from './types.js';

const ACTIVITY_LABELS: Record<string, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };
const ROLE_LABELS = [
  ['teamMember', 'Team member'],
  ['manager', 'Manager'],
  ['managersManager', "Manager's manager"],
  ['hr', 'HR'],
] as const;

function notices(p: Plan): string {
  const out: string[] = [];
  if (p.state === 'failed')
    out.push(`<div class="notice notice-error" role="alert"><p><strong>The document could not be created.</strong> ${esc(p.failure ?? 'No reason was recorded.')}</p></div>`);
  if (p.state === 'creating') out.push(`<div class="notice notice-warn"><p><strong>The document is still being created.</strong> Refresh in a moment.</p></div>`);
  if (p.pollError) out.push(`<div class="notice notice-warn"><p><strong>The document could not be read at the last poll.</strong> ${esc(p.pollError)}</p></div>`);
  if (p.sharing.state === 'violation')
    out.push(
      `<div class="notice notice-error" role="alert"><p><strong>Sharing violation:</strong> this document is visible to more than the four people of the plan. ${esc(p.sharing.issues.join(' '))}</p></div>`,
    );
  if (p.status.phase === 'closed' || p.closedAt)
    out.push(
      `<div class="notice notice-ok"><p><strong>Closed${p.closedAt ? ` on ${esc(formatTimestamp(p.closedAt))}` : ''}: ${esc(OUTCOME_LABELS[p.outcome ?? ''] ?? p.outcome ?? 'no outcome recorded')}.</strong> ${esc(p.closeNote ?? '')}</p></div>`,
    );
  return out.join('');
}

function timelinePanel(p: Plan): string {
  const s = p.status;
  return `<section class="panel" aria-labelledby="tl-title"><h2 id="tl-title">Timeline</h2>
    ${timelineBar(p, true)}
    <div class="tl-dates"><span>${formatDate(p.startDate)}</span><span>${formatDate(p.endDate)}</span></div>
    <ul class="tl-legend" aria-hidden="true"><li><i class="tl-tick"></i>Check-in due</li><li><i class="tl-dot"></i>Progress entry</li><li><i class="tl-today"></i>Today</li></ul>
    <dl class="facts">
      <div><dt>Day</dt><dd>${s.phase === 'active' ? `${s.day} of ${s.totalDays}` : esc(s.phase === 'scheduled' ? `Starts ${formatDate(p.startDate)}` : `${s.totalDays} days`)}</dd></div>
      <div><dt>Activities done</dt><dd>${s.activities.done} of ${s.activities.total}</dd></div>
      <div><dt>Check-ins</dt><dd>Every ${p.updateCadenceDays} ${p.updateCadenceDays === 1 ? 'day' : 'days'}</dd></div>
      <div><dt>Next check-in due</dt><dd>${formatDate(s.nextCheckInDue)}</dd></div>
      <div><dt>Missed check-ins</dt><dd${s.missedCheckIns ? ' class="missed"' : ''}>${s.missedCheckIns}</dd></div>
      <div><dt>Last progress entry</dt><dd>${formatDate(s.lastEntryDate)}</dd></div>
    </dl></section>`;
}

function activitiesPanel(p: Plan): string {
  const list = p.activities ?? [];
  const body = list.length
    ? `<table class="data"><thead><tr><th scope="col">Activity</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead><tbody>${list
        .map(
          (a) =>
            `<tr><td>${esc(a.title)}</td><td>${esc(a.owner ?? '')}</td><td class="date">${formatDate(a.due)}</td><td><span class="badge act-${a.status}">${esc(ACTIVITY_LABELS[a.status] ?? a.status)}</span>${a.doneOn ? ` <span class="small muted">on ${formatDate(a.doneOn)}</span>` : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No activities read from the document yet.</p>';
  return `<section class="panel" aria-labelledby="act-title"><h2 id="act-title">Activities</h2>${body}</section>`;
}

function progressPanel(p: Plan): string {
  const list = [...(p.progressEntries ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const body = list.length
    ? `<table class="data"><thead><tr><th scope="col">Date</th><th scope="col">Update</th><th scope="col">By</th></tr></thead><tbody>${list
        .map((e) => `<tr><td class="date">${formatDate(e.date)}</td><td>${esc(e.text)}</td><td>${esc(e.by ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p class="muted">No progress entries yet. Add a row to the document's progress log at each check-in.</p>`;
  return `<section class="panel" aria-labelledby="log-title"><h2 id="log-title">Progress log</h2>${body}</section>`;
}

function planPanel(p: Plan): string {
  const part = (title: string, text: string | undefined) => (text ? `<h3>${title}</h3><p class="prose">${esc(text)}</p>` : '');
  return `<section class="panel" aria-labelledby="plan-title"><h2 id="plan-title">The plan</h2>
    ${part('Development area', p.developmentArea)}${part('Current state', p.currentState)}${part('Goal state', p.goalState)}${part('Support assets', p.supportAssets)}</section>`;
}

/** Where each person is in the handbook's order: who aligned, who agreed, who is still to. */
function orderNote(p: Plan, key: (typeof ROLE_LABELS)[number][0]): string {
  const when = (iso: string) => formatDate(iso.slice(0, 10));
  if (key === 'managersManager' && p.alignment) return `Aligned ${when(p.alignment.at)}`;
  if (key === 'managersManager' && p.stage === 'draft') return 'Still to align';
  if ((key === 'teamMember' || key === 'manager') && p.stage !== 'draft') return p.agreement[key] ? `Agreed ${when(p.agreement[key])}` : 'Still to agree';
  if (key === 'teamMember' && p.stage === 'draft') return 'Not shared yet';
  return '';
}

function peoplePanel(p: Plan): string {
  return `<section class="panel" aria-labelledby="people-title"><h2 id="people-title">People</h2><dl class="facts">${ROLE_LABELS.map(([key, label]) => {
    const note = orderNote(p, key);
    return `<div><dt>${label}</dt><dd>${esc(p[key].name)}<span class="sub muted small">${esc(p[key].email)}</span>${note ? `<span class="sub small">${esc(note)}</span>` : ''}</dd></div>`;
  }).join('')}</dl></section>`;
}

const SHARING_WORDS: Record<string, string> = {
  ok: 'Shared with exactly the four people above.',
  repaired: 'Someone changed who can see the document; the service put it back to the four people above.',
  violation: 'The document is visible beyond the four people above, and the service cannot undo it: fix it in the document.',
  pending: 'Sharing has not been checked yet.',
};

function sharingPanel(p: Plan): string {
  const issues = p.sharing.issues.length ? `<ul class="warnings">${p.sharing.issues.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '';
  return `<section class="panel" aria-labelledby="share-title"><h2 id="share-title">Sharing</h2>
    <p>${sharingBadge(p)} <span class="muted small">checked ${esc(formatTimestamp(p.sharing.checkedAt))}</span></p>${issues}
    <p class="small muted">${esc(p.stage === 'draft' && p.sharing.state === 'ok' ? `A draft: shared with ${p.manager.name}, ${p.managersManager.name} and ${p.hr.name} only, not yet with ${p.teamMember.name}.` : (SHARING_WORDS[p.sharing.state] ?? ''))} Last read from the document: ${esc(formatTimestamp(p.lastPolledAt))}.</p></section>`;
}

function warningsPanel(p: Plan): string {
  const list = p.warnings ?? [];
  if (!list.length) return '';
  return `<section class="panel" aria-labelledby="warn-title"><h2 id="warn-title">What the document could not be read for</h2><ul class="warnings">${list.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>`;
}

function auditPanel(p: Plan): string {
  const list = [...(p.audit ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  const body = list.length
    ? `<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-title"><table class="data"><thead><tr><th scope="col">When</th><th scope="col">What happened</th><th scope="col">By</th><th scope="col">Details</th></tr></thead><tbody>${list
        .map(
          (e) =>
            `<tr><td class="date">${esc(formatTimestamp(e.at))}</td><td>${esc(auditKindWords(e.kind))}</td><td>${esc(auditActor(e, p))}</td><td>${esc(auditSentence(e, p))}</td></tr>`,
        )
        .join('')}</tbody></table></div>`
    : '<p class="muted">No events recorded.</p>';
  return `<section class="panel" aria-labelledby="audit-title"><h2 id="audit-title">History</h2>${body}</section>`;
}

export function detailHtml(p: Plan, viewer: { isHr: boolean } = { isHr: false }): string {
  const doc = p.docUrl
    ? `<a class="button primary" href="${safeHref(p.docUrl)}" target="_blank" rel="noopener noreferrer">Open the document<span class="visually-hidden"> (${esc(providerLabel(p.provider))}, opens in a new tab)</span></a>`
    : '';
  return `<div class="page-head"><div><h1>${esc(p.title)}</h1><p class="lede">${esc(p.developmentArea)}</p>
      <p class="badges">${stageBadge(p)} ${phaseBadge(p)} ${healthBadge(p)} <span class="small muted">Sharing</span> ${sharingBadge(p)} <span class="small muted">${esc(providerLabel(p.provider))}</span></p></div>
      <div class="actions">${p.can?.poll === false ? '' : '<button type="button" id="poll-plan">Refresh from the document</button>'}<a class="button" href="/api/plans/${encodeURIComponent(p.id)}/record" target="_blank" rel="noopener">Record<span class="visually-hidden"> of this plan, printable (opens in a new tab)</span></a>${doc}</div></div>
    <div id="action-status" role="status" class="visually-hidden"></div>
    ${nextStepPanel(p)}${notices(p)}${timelinePanel(p)}
    <div class="detail-grid"><div>${activitiesPanel(p)}${progressPanel(p)}${planPanel(p)}</div>
    <div>${remindPanel(p, viewer.isHr)}${reopenPanel(p)}${actionsPanel(p)}${warningsPanel(p)}${peoplePanel(p)}${sharingPanel(p)}</div></div>
    ${auditPanel(p)}`;
}
