import { errorMessage } from '../errors.js';
import type { RequestMeter } from '../providers/request-meter.js';
import { type ReminderOptions, sendReminders } from '../reminders/send-reminders.js';
import { type ChannelSettings, keepChannelsOpen } from './change-channels.js';
import { type CycleResult, type CycleServices, runPollCycle } from './poll-cycle.js';

/** What a scheduled cycle is built from, read once from the configuration by runtime/compose.ts. */
export interface ScheduledCycleSettings {
  /** Every provider request goes through it; its limit is the invocation's budget. */
  meter: RequestMeter;
  /** SHARING_SWEEP_SECONDS in ms: how often every document's sharing is re-verified. */
  sweepEveryMs: number;
  /** The reminders step that follows each cycle. */
  reminders: ReminderOptions;
  /** Where change notification channels point, and how long they live. */
  channels: ChannelSettings;
}

/**
 * The cycle as both runtimes run it (the timer on Node, the cron trigger on Workers, HR's "poll
 * now", a webhook): the poll cycle, then the reminders on what it just read (their failure never
 * fails the cycle), then the change channels renewed, so before they expire on both runtimes.
 * Calls never overlap: one made while a cycle runs shares it. `sweepSharing` re-verifies every
 * document's sharing now, whenever the last sweep was.
 */
export function scheduledCycle(services: CycleServices, settings: ScheduledCycleSettings): SharedCycle<[sweepSharing: boolean]> {
  return sharedCycle(async (sweepSharing: boolean) => {
    const result = await runPollCycle(services, { meter: settings.meter, sweepEveryMs: settings.sweepEveryMs, sweepSharing });
    try {
      result.reminders = await sendReminders(services, settings.reminders);
    } catch (error) {
      services.log(`[reminders] this cycle's reminders stopped: ${errorMessage(error)}`);
    }
    const opened = await keepChannelsOpen(services, settings.channels);
    if (opened > 0) result.channelsOpened = opened;
    return result;
  });
}

/** A cycle that never overlaps another within one process. */
export interface SharedCycle<A extends unknown[]> {
  /** Run a cycle, or share the one running (HR's "poll now", the timer: any cycle will do). */
  (...args: A): Promise<CycleResult>;
  /**
   * A cycle that starts after this call: a running one may already be past the plans a webhook has
   * just marked, so it is waited out, then the next is run (or shared, when another call started it).
   */
  startingAfter(...args: A): Promise<CycleResult>;
}

/**
 * Cycles never overlap within one process: a request for a cycle while one runs shares it. The
 * runtime decides when cycles run (a timer on Node, the cron trigger on Workers).
 */
export function sharedCycle<A extends unknown[]>(run: (...args: A) => Promise<CycleResult>): SharedCycle<A> {
  let running: Promise<CycleResult> | null = null;
  const shared = (...args: A): Promise<CycleResult> => {
    running ??= run(...args).finally(() => {
      running = null;
    });
    return running;
  };
  const startingAfter = (...args: A): Promise<CycleResult> => {
    const current = running;
    if (!current) return shared(...args);
    return current.then(
      () => shared(...args),
      () => shared(...args),
    );
  };
  return Object.assign(shared, { startingAfter });
}
