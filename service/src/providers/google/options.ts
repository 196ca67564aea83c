import { ConfigError, type Config } from '../../config.js';
import type { GoogleLimits, Sleep } from './rate-limit.js';

export type { Sleep };

/** Drive roles the service hands out. */
export type GrantRole = 'writer' | 'commenter' | 'reader';

/** The service account's JSON key, as the Cloud console downloads it (only the fields we use). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  client_id?: string;
}


export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Give up when the next wait would end after this many ms since the first attempt. */
  maxElapsedMs: number;
  /** First backoff step; doubles each attempt, plus up to a second at random (Google's documented backoff). */
  baseDelayMs: number;
  /** No backoff step is longer than this (a longer Retry-After is waited in full, within maxElapsedMs). */
  maxDelayMs: number;
}

/** Everything the Google provider needs; `googleOptionsFromConfig` builds it from the environment. */
export interface GoogleProviderOptions {
  key: ServiceAccountKey;
  /** The Workspace user the service acts as (domain-wide delegation); owns every plan document. */
  subject: string;
  /** The private folder (in My Drive, shared with nobody) that holds plan documents. */
  folderId: string;
  /** A template Google Doc with `{{placeholders}}`; without it the repo template is imported. */
  templateDocId?: string;
  apiRootUrl: string;
  docsRootUrl: string;
  tokenUrl: string;
  roles: {
    teamMember: GrantRole;
    manager: GrantRole;
    managersManager: GrantRole;
    hr: GrantRole;
    /** What the team member and manager keep once a plan is closed. */
    onClose: GrantRole;
  };
  /** Party emails that are Google Groups (granted as type `group`). */
  groupEmails?: string[];
  /** Per-request timeout. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Requests a minute the service allows itself (Google's per-user quotas unless given); `false` for none. */
  limits?: GoogleLimits | false;
  /** Waits between attempts and for the limiter; tests pass a virtual clock's. */
  sleep?: Sleep;
  /** Random in [0, 1) for jitter; tests pin it. */
  random?: () => number;
  now?: () => number;
  fetch?: typeof fetch;
}

export const DEFAULT_ROLES: GoogleProviderOptions['roles'] = {
  teamMember: 'writer',
  manager: 'writer',
  managersManager: 'commenter',
  hr: 'commenter',
  onClose: 'commenter',
};

/**
 * Whether the configuration turns Google Docs on: any of its settings. The key alone with
 * REMINDER_SENDER is Gmail for reminders, not Google Docs for plans.
 */
export function googleEnabled(config: Pick<Config, 'GOOGLE_SERVICE_ACCOUNT_KEY' | 'REMINDER_SENDER' | 'GOOGLE_SUBJECT' | 'GOOGLE_PLANS_FOLDER_ID' | 'GOOGLE_TEMPLATE_DOC_ID'>): boolean {
  return Boolean((config.GOOGLE_SERVICE_ACCOUNT_KEY && !config.REMINDER_SENDER) || config.GOOGLE_SUBJECT || config.GOOGLE_PLANS_FOLDER_ID || config.GOOGLE_TEMPLATE_DOC_ID);
}

/**
 * The provider's options from the parsed configuration. Throws one ConfigError naming every missing
 * or malformed Google setting, so a half-configured service stops at start-up.
 */
export function googleOptionsFromConfig(config: Config, fetchImpl?: typeof fetch): GoogleProviderOptions {
  const problems: string[] = [];
  const rawKey = config.GOOGLE_SERVICE_ACCOUNT_KEY;
  let key: ServiceAccountKey | undefined;
  if (!rawKey) problems.push('GOOGLE_SERVICE_ACCOUNT_KEY: missing (the service account JSON key, as text)');
  else {
    key = parseServiceAccountKey(rawKey);
    if (!key) problems.push('GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key (needs client_email and a PEM private_key)');
  }
  if (!config.GOOGLE_SUBJECT) problems.push('GOOGLE_SUBJECT: missing (the Workspace user who owns the plan documents)');
  if (!config.GOOGLE_PLANS_FOLDER_ID) problems.push('GOOGLE_PLANS_FOLDER_ID: missing (the private folder for plan documents)');
  problems.push(...notAnId('GOOGLE_PLANS_FOLDER_ID', config.GOOGLE_PLANS_FOLDER_ID), ...notAnId('GOOGLE_TEMPLATE_DOC_ID', config.GOOGLE_TEMPLATE_DOC_ID));
  if (problems.length > 0 || !key || !config.GOOGLE_SUBJECT || !config.GOOGLE_PLANS_FOLDER_ID) throw new ConfigError(problems);
  return {
    key,
    subject: config.GOOGLE_SUBJECT.toLowerCase(),
    folderId: config.GOOGLE_PLANS_FOLDER_ID,
    ...(config.GOOGLE_TEMPLATE_DOC_ID ? { templateDocId: config.GOOGLE_TEMPLATE_DOC_ID } : {}),
    apiRootUrl: config.GOOGLE_API_ROOT_URL,
    docsRootUrl: config.GOOGLE_DOCS_ROOT_URL,
    tokenUrl: config.GOOGLE_TOKEN_URL,
    roles: {
      ...DEFAULT_ROLES,
      managersManager: config.GOOGLE_ROLE_MANAGERS_MANAGER,
      hr: config.GOOGLE_ROLE_HR,
      onClose: config.GOOGLE_ROLE_ON_CLOSE,
    },
    groupEmails: config.GOOGLE_GROUP_EMAILS,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  };
}

/** The JSON key's fields the service uses, or undefined when the text is not a service account key. */
export function parseServiceAccountKey(text: string): ServiceAccountKey | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const email = record['client_email'];
    const pem = record['private_key'];
    if (typeof email !== 'string' || typeof pem !== 'string' || !pem.includes('BEGIN PRIVATE KEY') || !isBase64Body(pem)) return undefined;
    return {
      client_email: email,
      private_key: pem,
      ...(typeof record['private_key_id'] === 'string' ? { private_key_id: record['private_key_id'] } : {}),
      ...(typeof record['client_id'] === 'string' ? { client_id: record['client_id'] } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The PEM's body decodes (a mangled paste fails here, at start-up, not at the first token request). */
function isBase64Body(pem: string): boolean {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  try {
    return body.length > 0 && atob(body).length > 0;
  } catch {
    return false;
  }
}

/** Drive IDs are letters, digits, `-` and `_`; a pasted URL is the usual mistake, so say what to keep. */
function notAnId(name: string, value: string | undefined): string[] {
  if (!value || /^[A-Za-z0-9_-]+$/.test(value)) return [];
  const fromUrl = /\/d\/([A-Za-z0-9_-]+)/.exec(value)?.[1] ?? /\/folders\/([A-Za-z0-9_-]+)/.exec(value)?.[1];
  if (fromUrl) return [`${name}: a URL, not an ID; use ${value.includes('/folders/') ? 'the last part of the URL' : 'the part after /d/'} (${fromUrl})`];
  return [`${name}: "${value}" is not a Drive ID (letters, digits, - and _ only)`];
}
