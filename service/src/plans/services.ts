import type { Clock } from '../domain/clock.js';
import type { ParseOptions } from '../domain/parse-dates.js';
import type { Party } from '../domain/plan-schema.js';
import type { StatusThresholds } from '../domain/status.js';
import type { ProviderName } from '../domain/plan-schema.js';
import type { Providers } from '../providers/registry.js';
import type { Store } from '../store/types.js';
import type { PlanTemplate } from '../templates/template.js';

/** What a new plan is held to beyond its schema, from the configuration. */
export interface PlanRules {
  /** PROVIDER: where a plan goes when the request names no provider. */
  defaultProvider: ProviderName;
  /** HR_EMAILS: a plan's HR party must be one of them; the first is the default HR party. */
  hrEmails: readonly string[];
}

/**
 * The parts the plan use cases (and the poller) work with, each named for what it is. Built once by
 * runtime/compose.ts; a use case declares the parts it uses (`Pick<PlanServices, 'store' | 'clock'>`),
 * and none sees the whole configuration.
 */
export interface PlanServices {
  store: Store;
  providers: Providers;
  template: PlanTemplate;
  clock: Clock;
  thresholds: StatusThresholds;
  /** How the parser reads a date like 03/12/2026 (DATE_ORDER). */
  dateOrder: ParseOptions['dateOrder'];
  planRules: PlanRules;
  log: (message: string) => void;
}

/** The HR party a plan gets when the request names none: the first of HR_EMAILS. */
export function hrDefault(rules: PlanRules): Party | null {
  const email = rules.hrEmails[0];
  return email ? { email, name: 'HR team' } : null;
}
