/**
 * Who saved which version of a hosted document, and who should hear that their lines were replaced
 * (issue 22.6): so a merged edit can be shown with its author's name, a conflict can name the other
 * person, and someone whose lines another person chose to overwrite ("Keep my lines") is told at
 * their next heartbeat. In memory, like presence: it only has to be right while people edit together;
 * after a restart the page says "someone else" until the next save. Bounded per document.
 */

import { rolesOn } from '../auth/access.js';
import type { PlanRecord } from '../domain/plan.js';

/** How the plan names this person (their party's name), else their email (HR from HR_EMAILS). */
export function nameOn(plan: Pick<PlanRecord, 'teamMember' | 'manager' | 'managersManager' | 'hr'>, email: string): string {
  const role = rolesOn({ email, isHr: false }, plan)[0];
  return role ? plan[role].name : email;
}

/** Saves remembered per document: more than a session of editing together needs. */
const SAVES_KEPT = 50;
/** Notices kept per person and document until their page picks them up. */
const NOTICES_KEPT = 5;

export interface ReplacedNotice {
  /** The email of the person who kept their lines. */
  by: string;
  at: string;
}

export interface DocumentAuthors {
  saved(docKey: string, version: string, email: string): void;
  /** Who saved after `version`, oldest first, without `except`; the last saver when `version` is not remembered. */
  since(docKey: string, version: string, except: string): string[];
  /** Who saved this version, when remembered. */
  savedBy(docKey: string, version: string): string | undefined;
  /** `by` kept their lines over `email`'s. */
  replaced(docKey: string, email: string, notice: ReplacedNotice): void;
  /** The notices for `email`, given once. */
  takeNotices(docKey: string, email: string): ReplacedNotice[];
}

export function documentAuthors(): DocumentAuthors {
  const saves = new Map<string, { version: string; email: string }[]>();
  const notices = new Map<string, ReplacedNotice[]>();
  const noticeKey = (docKey: string, email: string) => `${docKey}\n${email.toLowerCase()}`;
  return {
    saved(docKey, version, email) {
      const list = saves.get(docKey) ?? [];
      list.push({ version, email });
      if (list.length > SAVES_KEPT) list.splice(0, list.length - SAVES_KEPT);
      saves.set(docKey, list);
    },
    since(docKey, version, except) {
      const list = saves.get(docKey) ?? [];
      const at = list.findIndex((save) => save.version === version);
      const after = at >= 0 ? list.slice(at + 1) : list.slice(-1);
      return [...new Set(after.map((save) => save.email).filter((email) => email.toLowerCase() !== except.toLowerCase()))];
    },
    savedBy(docKey, version) {
      return [...(saves.get(docKey) ?? [])].reverse().find((save) => save.version === version)?.email;
    },
    replaced(docKey, email, notice) {
      const key = noticeKey(docKey, email);
      const list = [...(notices.get(key) ?? []), notice].slice(-NOTICES_KEPT);
      notices.set(key, list);
    },
    takeNotices(docKey, email) {
      const key = noticeKey(docKey, email);
      const list = notices.get(key) ?? [];
      notices.delete(key);
      return list;
    },
  };
}
