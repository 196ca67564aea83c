/**
 * "Your next steps" at the top of the overview (issue 22.4): each person sees what is theirs to do,
 * most urgent first, each with the one link or button that does it. Pure: plan rows and who is
 * asking in, steps out; overview.ts fetches and draws them.
 */
import { esc, formatDate, OUTCOME_LABELS, planHref, safeHref } from './format.js';
import type { PlanRow, Session } from './types.js';

/** A row with its place in the handbook's order (`stage`, `alignment`, `agreement`). */
export type StagedRow = PlanRow;

export interface NextStep {
  /** Lower is more urgent. */
  rank: number;
  planId: string;
  text: string;
  action: { label: string; href: string; external?: boolean };
}

const first = (name: string) => name.split(/\s+/)[0] ?? name;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isOpen = (p: PlanRow) => p.state === 'ready' && p.status.phase !== 'closed';

/** The team member's own plan: agree, write the check-in, or read how it closed. */
export function ownSteps(plan: StagedRow): NextStep[] {
  const s = plan.status;
  const doc = { href: safeHref(plan.docUrl), external: true };
  if (plan.state === 'closed' || s.phase === 'closed') {
    return [
      {
        rank: 9,
        planId: plan.id,
        text: `Your plan closed: ${OUTCOME_LABELS[plan.outcome ?? ''] ?? 'no outcome recorded'}.`,
        action: { label: 'See your plan', href: planHref(plan) },
      },
    ];
  }
  if (plan.stage === 'shared' && !plan.agreement?.teamMember) {
    return [
      {
        rank: 0,
        planId: plan.id,
        text: 'Read your plan. The activities are a proposal: change them in the document until they work for you, then say you agree.',
        action: { label: 'Read and agree', href: planHref(plan) },
      },
    ];
  }
  if (s.phase === 'scheduled') {
    return [
      {
        rank: 3,
        planId: plan.id,
        text: `Your plan starts ${formatDate(plan.startDate)}. Read it and suggest changes to the activities.`,
        action: { label: 'Open your plan document', ...doc },
      },
    ];
  }
  if (s.missedCheckIns > 0) {
    return [
      {
        rank: 1,
        planId: plan.id,
        text: `${s.missedCheckIns === 1 ? 'A check-in was' : `${s.missedCheckIns} check-ins were`} missed. Add a progress entry now: what you did and what you learned${s.nextCheckInDue ? `; the next one is due ${formatDate(s.nextCheckInDue)}` : ''}.`,
        action: { label: 'Add your progress entry', ...doc },
      },
    ];
  }
  if (s.nextCheckInDue) {
    return [
      {
        rank: 2,
        planId: plan.id,
        text: `Your next check-in is due ${formatDate(s.nextCheckInDue)}: add a progress entry to the document (what you did, what you learned) by then.`,
        action: { label: 'Add your progress entry', ...doc },
      },
    ];
  }
  return [
    {
      rank: 4,
      planId: plan.id,
      text: `Your plan ends ${formatDate(plan.endDate)}. Keep the activities' status up to date in the document.`,
      action: { label: 'Open your plan document', ...doc },
    },
  ];
}

/** A plan someone leads (manager, manager's manager) or oversees (HR): what needs them now. */
export function leadSteps(plan: StagedRow, session: Session): NextStep[] {
  if (!isOpen(plan)) return [];
  const name = plan.teamMember.name;
  const open = (label: string) => ({ label, href: planHref(plan) });
  const isManager = same(plan.manager.email, session.email);
  const isManagersManager = same(plan.managersManager.email, session.email);
  const steps: NextStep[] = [];
  if (plan.stage === 'draft') {
    if (!plan.alignment && isManagersManager)
      steps.push({
        rank: 0,
        planId: plan.id,
        text: `${plan.manager.name} asks you to align on ${name}'s draft plan before ${first(name)} sees it.`,
        action: open(`Align ${first(name)}'s plan`),
      });
    else if (!plan.alignment && session.isHr && !isManager)
      steps.push({ rank: 5, planId: plan.id, text: `${name}'s draft waits for ${plan.managersManager.name} to align (HR may align too).`, action: open('See the draft') });
    else if (!plan.alignment && isManager)
      steps.push({ rank: 6, planId: plan.id, text: `${name}'s draft waits for ${plan.managersManager.name} to align.`, action: open('See the draft') });
    else if (plan.alignment && isManager)
      steps.push({
        rank: 0,
        planId: plan.id,
        text: `${plan.managersManager.name} aligned on ${name}'s draft: share it with ${first(name)}.`,
        action: open(`Share with ${first(name)}`),
      });
    return steps;
  }
  if (session.isHr && plan.sharing.state === 'violation')
    steps.push({ rank: 0, planId: plan.id, text: `${name}'s document is visible beyond the four people of the plan.`, action: open(`Check ${first(name)}'s sharing`) });
  if (plan.status.phase === 'ended') {
    steps.push(
      isManager
        ? {
            rank: 1,
            planId: plan.id,
            text: `${name}'s plan ended ${formatDate(plan.endDate)}: close it with an outcome, or extend it.`,
            action: open(`Close ${first(name)}'s plan`),
          }
        : {
            rank: 3,
            planId: plan.id,
            text: `${name}'s plan ended ${formatDate(plan.endDate)} and ${plan.manager.name} has not closed it yet.`,
            action: open(`Open ${first(name)}'s plan`),
          },
    );
  } else if (plan.status.missedCheckIns > 0) {
    const n = plan.status.missedCheckIns;
    steps.push({
      rank: 2,
      planId: plan.id,
      text: `${name} missed ${n === 1 ? 'a check-in' : `${n} check-ins`}${plan.status.lastEntryDate ? `; last progress entry ${formatDate(plan.status.lastEntryDate)}` : '; no progress entry yet'}.`,
      action: open(`Open ${first(name)}'s plan`),
    });
  } else if (plan.status.health === 'at_risk' || plan.status.health === 'off_track') {
    steps.push({
      rank: 3,
      planId: plan.id,
      text: `${name}'s activities are behind the time elapsed (${plan.status.activities.done} of ${plan.status.activities.total} done).`,
      action: open(`Open ${first(name)}'s plan`),
    });
  }
  if (isManager && plan.stage === 'shared' && !plan.agreement?.manager)
    steps.push({ rank: 4, planId: plan.id, text: `Agree on ${name}'s plan as it stands, once you have gone through it together.`, action: open(`Agree on ${first(name)}'s plan`) });
  return steps;
}

/** Most urgent first, one line per plan (its most urgent step), at most `limit`. */
export function pickSteps(steps: NextStep[], limit = 6): NextStep[] {
  const seen = new Set<string>();
  return [...steps]
    .sort((a, b) => a.rank - b.rank)
    .filter((step) => !seen.has(step.planId) && seen.add(step.planId))
    .slice(0, limit);
}

export function stepsHtml(steps: NextStep[]): string {
  return steps
    .map(({ text, action }) => {
      const attrs = action.external ? ' target="_blank" rel="noopener noreferrer"' : '';
      const hint = action.external ? '<span class="visually-hidden"> (opens in a new tab)</span>' : '';
      return `<li><p>${esc(text)}</p><a class="button primary" href="${action.href}"${attrs}>${esc(action.label)}${hint}</a></li>`;
    })
    .join('');
}
