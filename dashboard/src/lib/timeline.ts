/**
 * The timeline bar: the plan's span, the part already elapsed, today's marker, a tick per expected
 * check-in and a dot per progress entry. Built as an HTML string so a thousand rows draw at once.
 */
import { esc, formatDate } from './format.js';
import { type PlanRow, daysBetween } from './types.js';

/** How a check-in's tick names its state in the large timeline's tooltip. */
const CHECK_IN_WORDS: Record<PlanRow['status']['checkIns'][number]['state'], string> = { met: ', made', missed: ', missed', open: '' };

function position(plan: PlanRow, date: string): number {
  const span = Math.max(1, daysBetween(plan.startDate, plan.endDate));
  return Math.min(100, Math.max(0, (daysBetween(plan.startDate, date) / span) * 100));
}

/** Dates of the plan's progress entries: every view of a plan, and every overview row, carries them in `status.entryDates`. */
export function entryDates(plan: PlanRow): string[] {
  return plan.status.entryDates;
}

export function timelineLabel(plan: PlanRow): string {
  const s = plan.status;
  const parts = [`${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}`];
  if (s.phase === 'active') parts.push(`day ${s.day} of ${s.totalDays}`);
  else parts.push(s.phase);
  parts.push(`${s.progressEntries} progress ${s.progressEntries === 1 ? 'entry' : 'entries'}`);
  parts.push(`${s.checkIns?.length ?? 0} check-ins`);
  if (s.missedCheckIns > 0) parts.push(`${s.missedCheckIns} missed`);
  return parts.join(', ');
}

export function timelineBar(plan: PlanRow, large = false): string {
  const s = plan.status;
  const elapsed = Math.min(100, Math.max(0, s.percentElapsed));
  const ticks = (s.checkIns ?? [])
    .map(
      (c) =>
        `<i class="tl-tick tl-tick-${c.state}" style="left:${position(plan, c.due).toFixed(1)}%"${large ? ` title="Check-in due ${esc(formatDate(c.due))}${CHECK_IN_WORDS[c.state]}"` : ''}></i>`,
    )
    .join('');
  const dots = entryDates(plan)
    .map((d) => `<i class="tl-dot" style="left:${position(plan, d).toFixed(1)}%"${large ? ` title="Progress entry ${esc(formatDate(d))}"` : ''}></i>`)
    .join('');
  const today = s.phase === 'active' ? `<i class="tl-today" style="left:${elapsed.toFixed(1)}%"></i>` : '';
  return (
    `<div class="tl${large ? ' tl-large' : ''} tl-${s.health}" role="img" aria-label="${esc(timelineLabel(plan))}">` +
    `<div class="tl-track"><div class="tl-elapsed" style="width:${elapsed.toFixed(1)}%"></div>${ticks}${dots}${today}</div></div>`
  );
}
