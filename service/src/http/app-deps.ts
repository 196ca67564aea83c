import type { Context } from 'hono';
import type { IdentityOptions } from '../auth/identify.js';
import type { Config } from '../config.js';
import type { PlanServices } from '../plans/services.js';
import type { CycleResult } from '../poller/poll-cycle.js';
import type { AppEnv } from './caller.js';
import type { AfterAnswer } from './after-answer.js';

/**
 * What the HTTP layer is built from (runtime/compose.ts makes it once): the plan services its use
 * cases take parts of, how callers are identified, and the poller's entry points. `config` is for
 * the HTTP edge's own settings (PUBLIC_URL, the Notion webhook token); use cases never receive it.
 */
export interface AppDeps extends PlanServices {
  config: Config;
  identity: IdentityOptions;
  /** One full poll cycle now (shared with a running one). */
  runPollCycle(): Promise<CycleResult>;
  /** The client's network address, for throttling failed sign-ins (the runtime knows how to find it). */
  clientAddress?(c: Context<AppEnv>): string | undefined;
  /** Notion webhook deliveries: poll these pages soon; `later` keeps work running after the answer (Workers). */
  onNotionPagesChanged?(pageIds: string[], later: AfterAnswer): void | Promise<void>;
  /** A Drive change notification from a live channel: run a cycle soon (gathering a burst into one). */
  onDriveChanges?(later: AfterAnswer): void | Promise<void>;
}
