import { errorMessage } from '../errors.js';
import type { RequestMeter } from '../providers/request-meter.js';
import { type ReminderOptions, sendReminders } from '../reminders/send-reminders.js';
import { type ChannelSettings, keepChannelsOpen } from './change-channels.js';
import { type CycleServices, runPollCycle, type SharedCycle, sharedCycle } from './poll-cycle.js';

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
