import { z } from 'zod';
import { isLoopbackUrl } from './domain/loopback.js';

/**
 * What the configuration's parts share: field shapes more than one part uses, and how a part's rules
 * report. Each part (sign-in, Google, Notion, reminders, a runtime) declares its variables and rules
 * beside the code that uses them; config.ts composes them into one schema, so one parse names every
 * problem.
 */

/** Comma-separated emails, trimmed and lower-cased; empty when unset. */
export const emailList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email('each entry must be an email address')));

/** https, or http on this machine only (tests run an identity provider and webhooks locally). */
export const secureUrl = z
  .url()
  .refine((url) => url.startsWith('https://') || (url.startsWith('http://') && isLoopbackUrl(url)), 'must be an https: URL (http: only on loopback, for tests)');

/**
 * Where a part's rules say what is wrong: the variable to change and what is wrong with it, shown as
 * `NAME: message`. The rules run even when other variables failed their own checks (so every problem
 * shows at once); a value that failed its own check may then be raw text, so rules test presence
 * rather than trusting a type.
 */
export interface ConfigIssues {
  add(variable: string, message: string): void;
}
