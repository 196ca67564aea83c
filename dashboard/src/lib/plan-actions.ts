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
