/**
 * The plan page's Actions panel: close (confirmed, naming the outcome; from the end date, or behind
 * "Close early" with a reason) and extend. Closing is the one step that cannot be taken back by the
 * people who took it, so it is never a single click.
 */
import { esc, formatDate, localToday, OUTCOME_LABELS } from './format.js';
import { LIMITS, type PlanDetail as Plan } from './types.js';

/** From the end date on, closing is the plan's next step; before it, closing is an exception. */
export function closeIsDue(p: Pick<Plan, 'status' | 'endDate'>, today = localToday()): boolean {
  return p.status.phase === 'ended' || today >= p.endDate;
}

function closeForm(p: Plan): string {
  const early = !closeIsDue(p);
  const outcomes = Object.entries(OUTCOME_LABELS)
    .map(([v, l]) => `<label><input type="radio" name="outcome" value="${v}" required> ${l}</label>`)
    .join('');
  const note = early
    ? `<div><label for="close-note">Why close before ${formatDate(p.endDate)}?</label><textarea id="close-note" name="note" required aria-required="true" maxlength="${LIMITS.longText}" aria-describedby="close-note-hint"></textarea>
      <p id="close-note-hint" class="hint">Required when closing early. The four people of the plan read it.</p></div>`
    : `<div><label for="close-note">Closing note</label><textarea id="close-note" name="note" maxlength="${LIMITS.longText}" aria-describedby="close-note-hint"></textarea>
      <p id="close-note-hint" class="hint">What was achieved, and what happens next.</p></div>`;
  const form = `<form id="close-form" class="stack" novalidate data-early="${early}">
      <fieldset class="choice-set"><legend class="small">Outcome</legend><div class="choice">${outcomes}</div></fieldset>
      ${note}<p id="close-error" class="field-error" role="alert"></p>
      <button type="submit" class="${early ? 'danger' : 'primary'}">${early ? 'Close early…' : 'Close plan…'}</button></form>`;
  return early
    ? `<details class="close-early"><summary>Close early</summary><p class="small muted">The plan runs until ${formatDate(p.endDate)}. Close it before then only with a reason.</p>${form}</details>`
    : `<h3>Close the plan</h3><p class="small">The plan reached its end date: record how it went.</p>${form}`;
}

/** The confirmation step: names the plan and the outcome, and says what closing does. */
export function closeConfirmHtml(): string {
  return `<dialog id="close-confirm" aria-labelledby="close-confirm-title" aria-describedby="close-confirm-text">
    <h2 id="close-confirm-title">Close this plan?</h2><p id="close-confirm-text"></p>
    <div class="actions"><button type="button" id="close-confirm-yes" class="primary"></button><button type="button" id="close-confirm-no">Cancel</button></div></dialog>`;
}

export function confirmText(p: Plan, outcome: string, early: boolean): string {
  const label = OUTCOME_LABELS[outcome] ?? outcome;
  const when = early ? ` before its end date (${formatDate(p.endDate)})` : '';
  return `${p.teamMember.name}'s plan will be closed${when} with the outcome “${label}”. The document is locked for editing and the four people of the plan are told.`;
}

/** HR's reminder about a missed check-in (POST /api/plans/{id}/remind): once a day, through the reminder channels. */
export function remindPanel(p: Plan, isHr: boolean): string {
  if (!isHr || p.state !== 'ready' || p.status.missedCheckIns === 0) return '';
  const n = p.status.missedCheckIns;
  return `<section class="panel" aria-labelledby="remind-title"><h2 id="remind-title">${n === 1 ? 'A check-in was missed' : `${n} check-ins were missed`}</h2>
    <p class="small">Remind ${esc(p.teamMember.name)} and ${esc(p.manager.name)} through the reminder channels: names, dates and the link, no plan text. Once a day at most.</p>
    <p id="remind-error" class="field-error" role="alert"></p><p id="remind-done" class="small" role="status"></p>
    <button type="button" id="remind">Send a reminder</button></section>`;
}

export function actionsPanel(p: Plan): string {
  const can = p.can ?? { close: false, extend: false };
  if (!can.close && !can.extend) return '';
  const close = can.close ? closeForm(p) + closeConfirmHtml() : '';
  const extend = can.extend
    ? `<form id="extend-form" class="stack" novalidate><h3>Extend the plan</h3>
      <div><label for="extend-date">New end date</label><input id="extend-date" name="endDate" type="date" min="${esc(p.endDate)}" required aria-describedby="extend-error"></div>
      <p id="extend-error" class="field-error" role="alert"></p><button type="submit">Extend</button></form>`
    : '';
  return `<section class="panel" aria-labelledby="actions-title"><h2 id="actions-title">Actions</h2><div class="stack">${close}${extend}</div></section>`;
}

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

/**
 * "Your next step" at the top of the plan page (issue 21.6): the one thing the handbook's order asks
 * of this person now, as a button: the manager's manager aligns, the manager shares, the team member
 * (and the manager) agree, and from the end date the manager closes (before any agreement still missing). `can` comes from the API, so the page
 * offers exactly what the service will accept from this person.
 */
export function nextStepPanel(p: Plan): string {
  const can = p.can;
  const who = esc(firstName(p.teamMember.name));
  let body = '';
  if (can.align) {
    body = `<p>${esc(p.manager.name)} drafted this plan for ${esc(p.teamMember.name)}. Align on the growth opportunity before ${who} sees it: ${who} is not told of it until ${esc(p.manager.name)} shares it.</p>
      <form id="align-form" class="stack" novalidate><div><label for="align-note">Note for ${esc(p.manager.name)} (optional)</label><textarea id="align-note" name="note" maxlength="${LIMITS.longText}"></textarea></div>
      <p id="align-error" class="field-error" role="alert"></p><button type="submit" class="primary" id="next-align">Align</button></form>`;
  } else if (can.share) {
    const aligned = p.alignment
      ? `${esc(p.alignment.by === p.managersManager.email ? p.managersManager.name : p.alignment.by)} aligned on ${formatDate(p.alignment.at.slice(0, 10))}${p.alignment.note ? `: “${esc(p.alignment.note)}”` : '.'}`
      : '';
    const late = localToday() > p.startDate;
    body = `<p>${aligned} Sharing gives ${who} access to the document, so you can shape the activities together.</p>
      ${late ? `<p class="small">Its start date (${formatDate(p.startDate)}) has passed: it will start today and keep its length. <label class="inline"><input type="checkbox" id="keep-dates"> Keep the dates as they are</label></p>` : ''}
      <p id="share-error" class="field-error" role="alert"></p><p id="share-told" class="small" role="status"></p><button type="button" class="primary" id="next-share">Share with ${who}</button>`;
  } else if (can.close && closeIsDue(p) && p.state === 'ready') {
    body = `<p>The plan reached its end date (${formatDate(p.endDate)}): record how it went and close it.</p><button type="button" class="primary" id="next-close">Close</button>`;
  } else if (can.agree) {
    const mine = p.agreement.teamMember === null && p.agreement.manager !== null ? 'team member' : '';
    body = `<p>${mine ? 'Read the plan. The activities are a proposal: change them in the document until they work for you, then say you agree.' : 'Go through the plan together; when it stands as you both want it, say you agree.'} The plan is agreed once both ${esc(p.teamMember.name)} and ${esc(p.manager.name)} have.</p>
      <p id="agree-error" class="field-error" role="alert"></p><button type="button" class="primary" id="next-agree">I agree with this plan</button>`;
  } else if (p.stage === 'draft') {
    body = `<p>${p.alignment ? `Aligned; waiting for ${esc(p.manager.name)} to share it with ${who}.` : `Waiting for ${esc(p.managersManager.name)} to align on this draft.`}</p>`;
  }
  if (!body) return '';
  return `<section class="panel next-step" aria-labelledby="next-step-title"><h2 id="next-step-title">Your next step</h2>${body}</section>`;
}

/** HR reopens a closed plan, with a reason (POST /api/plans/{id}/reopen, audited); offered when the API says `can.reopen`. */
export function reopenPanel(p: Plan): string {
  const can = p.can as Plan['can'] & { reopen?: boolean };
  if (can.reopen !== true) return '';
  return `<section class="panel" aria-labelledby="reopen-title"><h2 id="reopen-title">Reopen the plan</h2>
    <form id="reopen-form" class="stack" novalidate><p class="small">The plan becomes open again and its document editable; the reason goes into the document and the history, with the outcome it had.</p>
    <div><label for="reopen-reason">Why reopen it?</label><textarea id="reopen-reason" name="reason" required aria-required="true" maxlength="${LIMITS.longText}"></textarea></div>
    <p id="reopen-error" class="field-error" role="alert"></p><button type="submit">Reopen the plan</button></form></section>`;
}
