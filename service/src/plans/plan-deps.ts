import type { Config } from '../config.js';
import { todayIn } from '../domain/dates.js';
import type { StatusThresholds } from '../domain/status.js';
import type { Providers } from '../providers/registry.js';
import type { DocProvider } from '../providers/types.js';
import type { Store } from '../store/types.js';
import type { PlanTemplate } from '../templates/template.js';

/** What the use cases need; built once by the runtime. */
export interface PlanDeps {
  config: Config;
  store: Store;
  providers: Providers;
  template: PlanTemplate;
  now: () => Date;
  log: (message: string) => void;
}

export function today(deps: Pick<PlanDeps, 'config' | 'now'>): string {
  return todayIn(deps.config.TIME_ZONE, deps.now());
}

export function thresholds(config: Config): StatusThresholds {
  return {
    graceDays: config.CHECKIN_GRACE_DAYS,
    activityLagPercent: config.ACTIVITY_LAG_PERCENT,
    offTrackMissedCheckIns: config.OFF_TRACK_MISSED_CHECKINS,
  };
}

export function providerFor(deps: Pick<PlanDeps, 'providers'>, name: string): DocProvider | undefined {
  return deps.providers[name as keyof Providers];
}

/** The HR party a plan gets when the request names none: the first of HR_EMAILS. */
export function hrDefault(config: Config): { email: string; name: string } | null {
  const email = config.HR_EMAILS[0];
  return email ? { email, name: 'HR team' } : null;
}
