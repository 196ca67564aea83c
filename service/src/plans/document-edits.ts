/**
 * Close and extend reach the document and the people, as resumable steps like a create: the intent
 * is recorded with the plan's change (store.markClosed / store.extendPlan), then each step runs and
 * is recorded as it finishes. A step that fails in a way that may pass (a provider outage) stays for
 * the next poll cycle; one that cannot pass (the document is gone) is recorded and skipped.
 *
 * - close: `section` (the closing section, written once: the provider looks before it writes), then
 *   `lock` (closeDocument: editors become commenters, the Notion page is locked), then `notify` (the
 *   four, through the reminder channels, each delivery once).
 * - extend: `end_date` (the document's opening and Timeline, the check-in list when it grew, and
 *   Notion's `End`).
 * - share, when a draft whose start had passed is shared with moved dates: `dates` (the start and
 *   end dates in the opening and Timeline, the check-in list, and Notion's `Start` and `End`).
 *   Both are the provider's `writeDates`.
 * - reopen (HR): `section` (who reopened it, when and why, at the end of the document), then
 *   `unlock` (reopenDocument: the roles close lowered given back, the Notion page unlocked).
 */
import type { AuditInput } from '../domain/audit.js';
import { OUTCOME_WORDS, closingSection, reopenSection } from '../domain/document-edits.js';
import { sharedRoles } from '../domain/plan-stage.js';
import type { PlanRecord } from '../domain/plan.js';
import { errorMessage } from '../errors.js';
import { providerFor } from '../providers/registry.js';
import { ProviderError, type DocRef, type DocumentEditResult } from '../providers/types.js';
import type { DocumentEdit, DocumentEditIntent, DocumentEdits, PlanRows } from '../store/types.js';
import { planTitle } from '../templates/template.js';
import type { PlanServices } from './services.js';

export type EditServices = Pick<PlanServices, 'providers' | 'clock' | 'log' | 'notifyParties' | 'inFlight'> & { store: PlanRows & DocumentEdits };

export const EDIT_STEPS = { close: ['section', 'lock', 'notify'], extend: ['end_date'], reopen: ['section', 'unlock'], share: ['dates'] } as const satisfies Record<
  DocumentEditIntent['kind'],
  readonly string[]
>;

/** Run the steps of an edit not done yet; returns the edit as it now stands. Never throws for a provider's failure. */
export function runDocumentEdit(deps: EditServices, plan: PlanRecord, edit: DocumentEdit): Promise<DocumentEdit> {
  // A resume never runs one edit's steps twice at once: it joins the edit in flight.
  return deps.inFlight.edits.run(edit.id, () => editSteps(deps, plan, edit));
}

async function editSteps(deps: EditServices, plan: PlanRecord, edit: DocumentEdit): Promise<DocumentEdit> {
  const done = [...edit.done];
  for (const step of EDIT_STEPS[edit.intent.kind]) {
    if (done.includes(step)) continue;
    const events: AuditInput[] = [];
    try {
      await runStep(deps, plan, edit.intent, step, events);
    } catch (error) {
      const message = errorMessage(error);
      if (error instanceof ProviderError && !error.retryable) {
        // Retrying will not help (the document is gone, access was lost): say so once and go on.
        events.push({ kind: 'document.updated', actor: 'service', message: `${stepWords(step)} could not be done: ${message}` });
      } else {
        deps.log(`[plans] ${edit.intent.kind} of ${plan.id}: ${step} interrupted, to be retried: ${message}`);
        const lastError = `${stepWords(step)}: ${message} (will retry)`;
        // Said in the audit, once per reason (a long outage is not one line a cycle): the plan shows
        // closed or extended at once, and its people should see the document has not caught up yet.
        if (lastError !== edit.lastError)
          events.push({ kind: 'document.updated', actor: 'service', message: `${stepWords(step)} waits: ${message}; the next poll cycle carries on.` });
        await deps.store.recordDocumentEditProgress(edit, { done, lastError, finishedAt: null }, events);
        return { ...edit, done, lastError };
      }
    }
    done.push(step);
    const finished = EDIT_STEPS[edit.intent.kind].every((s) => done.includes(s));
    const finishedAt = finished ? deps.clock.now().toISOString() : null;
    await deps.store.recordDocumentEditProgress(edit, { done, lastError: null, finishedAt }, events);
    if (finished) return { ...edit, done, lastError: null, finishedAt };
  }
  return { ...edit, done };
}

function stepWords(step: string): string {
  return (
    (
      {
        section: 'Writing into the document',
        lock: 'Locking the document',
        unlock: 'Unlocking the document',
        notify: 'Telling the four',
        end_date: 'Writing the new end date',
        dates: 'Writing the moved dates',
      } as Record<string, string>
    )[step] ?? step
  );
}

const RESULT_WORDS: Record<DocumentEditResult, string> = { written: 'written', present: 'already there', unplaced: 'not placed (the document has no Timeline section)' };

async function runStep(deps: EditServices, plan: PlanRecord, intent: DocumentEditIntent, step: string, events: AuditInput[]): Promise<void> {
  const provider = providerFor(deps.providers, plan.provider);
  if (!provider && step !== 'notify') throw new ProviderError(`[plans] provider "${plan.provider}" is not configured any more`, { retryable: true });
  const ref: DocRef | null = plan.docId ? { planId: plan.id, docId: plan.docId } : null;
  if (intent.kind === 'close' && step === 'section' && ref && provider?.appendSection) {
    const result = await provider.appendSection(ref, closingSection(intent.notice));
    events.push({ kind: 'document.updated', actor: 'service', message: `Closing section (outcome, note, date, who closed) ${RESULT_WORDS[result]} in the document.` });
  }
  if (intent.kind === 'reopen' && step === 'section' && ref && provider?.appendSection) {
    const result = await provider.appendSection(ref, reopenSection(intent.notice));
    events.push({ kind: 'document.updated', actor: 'service', message: `Reopening note (who, when, why) ${RESULT_WORDS[result]} in the document.` });
  }
  if (intent.kind === 'reopen' && step === 'unlock' && ref && provider?.reopenDocument) {
    await provider.reopenDocument(ref, plan, async (event) => {
      events.push(event);
    });
  }
  if (intent.kind === 'close' && step === 'lock' && ref && provider?.closeDocument) {
    await provider.closeDocument(ref, plan, async (event) => {
      events.push(event);
    });
  }
  if (intent.kind === 'close' && step === 'notify') {
    const outcome = OUTCOME_WORDS[intent.notice.outcome];
    const told = await deps.notifyParties?.(plan, {
      kind: 'plan_closed',
      date: intent.notice.closedOn,
      // A closed draft is told to the three it was shared with: its team member never heard of it.
      to: [...sharedRoles(plan.stage)],
      subject: `Plan closed (${outcome}): ${planTitle(plan)}`,
      body: `${plan.teamMember.name}'s coaching plan was closed on ${intent.notice.closedOn} by ${intent.notice.closedBy}. Outcome: ${outcome}.`,
    });
    if (told && told.failed.length > 0) throw new ProviderError(`[notices] could not tell ${told.failed.join(', ')}`, { retryable: true });
    if (!told || told.noChannel) events.push({ kind: 'notice.sent', actor: 'service', message: 'Nobody was told of the close by message: no reminder channel is configured.' });
  }
  if (intent.kind === 'extend' && step === 'end_date' && ref && provider?.writeDates) {
    const { result, checkInList } = await provider.writeDates(ref, intent.change);
    const dues = intent.change.checkIns?.to;
    const checkIns =
      checkInList === 'not_found'
        ? `; its check-in list was changed by hand and is left as it is (check-ins are now due on: ${dues})`
        : checkInList
          ? `, with the check-ins due by then: ${dues}`
          : '';
    events.push({ kind: 'document.updated', actor: 'service', message: `New end date ${intent.change.to} ${RESULT_WORDS[result]} in the document${checkIns}.` });
  }
  if (intent.kind === 'share' && step === 'dates' && ref && provider?.writeDates) {
    const { result } = await provider.writeDates(ref, intent.change);
    const dates = `${intent.change.start?.to ?? ''} to ${intent.change.to}`;
    events.push({ kind: 'document.updated', actor: 'service', message: `Moved dates (${dates}) ${RESULT_WORDS[result]} in the document.` });
  }
}

/** Every poll cycle: carry on with closes, extends, reopens and shares' dates whose steps were interrupted. */
export async function resumeDocumentEdits(deps: EditServices, mayContinue: () => boolean = () => true): Promise<number> {
  const edits = await deps.store.listUnfinishedDocumentEdits();
  if (edits.length === 0) return 0;
  const plans = new Map((await deps.store.getPlans([...new Set(edits.map((edit) => edit.planId))])).map((plan) => [plan.id, plan]));
  let resumed = 0;
  for (const edit of edits) {
    const plan = plans.get(edit.planId);
    if (!plan || !mayContinue()) continue;
    await runDocumentEdit(deps, plan, edit);
    resumed++;
  }
  return resumed;
}
