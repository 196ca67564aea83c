import { errorMessage } from '../errors.js';
import type { PlanServices } from '../plans/services.js';
import { sameId } from '../providers/same-id.js';
import type { PlanReads, PollQueue } from '../store/types.js';
import type { CycleResult } from './poll-cycle.js';

/**
 * How the runtime gathers a burst of deliveries before the cycle they ask for (runtime/webhook-burst.ts:
 * WEBHOOK_POLL_DELAY_SECONDS on a timer): resolves when the cycle may start, at once when `skip` aborts.
 * The core owns no timer, so the same cycle runs under Node's timers and Workers' `waitUntil`.
 */
export type GatherBurst = (skip: AbortSignal) => Promise<void>;

/** Keeps work running after a webhook's answer (Workers' `waitUntil`; on Node it simply runs on). */
type AfterAnswer = (work: Promise<unknown>) => void;

/** A webhook's documents are marked for reading; the next cycle reads them within its budget. Returns how many plans. */
export async function markDocumentsChanged(deps: { store: PlanReads & PollQueue }, provider: string, docIds: string[]): Promise<number> {
  const plans = (await deps.store.listPollTargets()).filter((plan) => plan.provider === provider && plan.state === 'ready' && docIds.some((id) => sameId(id, plan.docId)));
  if (plans.length > 0)
    await deps.store.markPollDue(
      plans.map((plan) => ({ planId: plan.id, due: 'read' as const })),
      {},
    );
  return plans.length;
}

/**
 * Deliveries come in bursts (one a change, several a minute while someone types): gather them (the
 * runtime's `gather`), then run one cycle, after the one running if any, so a change that arrives
 * during a cycle is read by the next. `request` resolves when the cycle that covers it has run;
 * `settle` skips the gathering and waits for every cycle asked for so far (tests).
 */
export function createCycleTrigger(run: () => Promise<unknown>, gather: GatherBurst, log: (message: string) => void) {
  let last: Promise<void> = Promise.resolve();
  let waiting: { cycle: Promise<void>; skip: AbortController } | null = null;
  return {
    request(): Promise<void> {
      if (!waiting) {
        const skip = new AbortController();
        const cycle = last
          // Skipped before its turn came (a cycle was still running): no gathering at all.
          .then(() => (skip.signal.aborted ? undefined : gather(skip.signal)))
          .then(() => {
            waiting = null;
            return run();
          })
          .then(
            () => undefined,
            (error: unknown) => log(`[poller] a cycle after a webhook failed: ${errorMessage(error)}`),
          );
        waiting = { cycle, skip };
        last = cycle;
      }
      return waiting.cycle;
    },
    settle(): Promise<void> {
      waiting?.skip.abort();
      return last;
    },
  };
}

/** What the HTTP webhooks call (runtime/compose.ts hands them to the app). */
export interface WebhookCycles {
  /** A Drive change notification from a live channel: the cycle's change detection finds what changed. */
  onDriveChanges(later: AfterAnswer): void;
  /** A Notion delivery names its pages: those plans are marked for reading first. */
  onNotionPagesChanged(pageIds: string[], later: AfterAnswer): void;
  /** Wait for every cycle the webhooks asked for so far, without the gathering delay (tests, shutdown). */
  settle(): Promise<void>;
}

/**
 * A webhook reaches a cycle one way, on both runtimes and for both providers: mark the plans it names
 * (Drive names none: the cycle asks its change feed), then one cycle for the burst, after the answer.
 * Deliveries are at-most-once, so the scheduled cycle stays the safety net.
 */
export function webhookCycles(deps: { store: PlanReads & PollQueue; log: PlanServices['log'] }, cycle: () => Promise<CycleResult>, gather: GatherBurst): WebhookCycles {
  const trigger = createCycleTrigger(async () => deps.log(`[poller] after a webhook: ${JSON.stringify(await cycle())}`), gather, deps.log);
  let marking: Promise<void> = Promise.resolve();
  return {
    onDriveChanges(later) {
      later(trigger.request());
    },
    onNotionPagesChanged(pageIds, later) {
      // Resolves once the cycle is asked for (wrapped, so it does not wait for the cycle itself).
      const marked = markDocumentsChanged(deps, 'notion', pageIds).then(
        // A delivery about a page that is no plan (or not ready yet) costs no cycle.
        (count) => (count > 0 ? { cycle: trigger.request() } : null),
        (error: unknown) => {
          deps.log(`[poller] a Notion webhook's pages could not be marked (the scheduled cycle reads them): ${errorMessage(error)}`);
          return null;
        },
      );
      marking = Promise.all([marking, marked]).then(() => undefined);
      later(marked.then((asked) => asked?.cycle));
    },
    async settle() {
      await marking;
      await trigger.settle();
    },
  };
}
