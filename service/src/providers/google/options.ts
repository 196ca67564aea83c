import { z } from 'zod';
import { type ConfigIssues, emailList } from '../../config-fields.js';
import type { ServiceAccountKey } from './api/auth.js';
import type { GoogleApiOptions } from './api/client.js';

/** Drive roles the service hands out (and the GOOGLE_ROLE_* settings may name). */
const driveRole = z.enum(['writer', 'commenter', 'reader']);
export type GrantRole = z.infer<typeof driveRole>;

/**
 * Everything the Google provider needs: how its calls are made (GoogleApiOptions, api/client.ts) and
 * where plans go and who gets which role; `googleOptionsFromConfig` builds it from the environment.
 */
export interface GoogleProviderOptions extends GoogleApiOptions {
  /** The private folder (in My Drive, shared with nobody) that holds plan documents. */
  folderId: string;
  /** A template Google Doc with `{{placeholders}}`; without it the repo template is imported. */
  templateDocId?: string;
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
}

export const DEFAULT_ROLES: GoogleProviderOptions['roles'] = {
  teamMember: 'writer',
  manager: 'writer',
  managersManager: 'commenter',
  hr: 'commenter',
  onClose: 'commenter',
};

/** Google Docs plans (docs/google-setup.md): the variables, composed into the one configuration by config.ts. */
export const googleSchema = z.object({
  /** Google Docs plans (docs/google-setup.md): the service account's whole JSON key file, as text. */
  GOOGLE_SERVICE_ACCOUNT_KEY: z.string().optional(),
  /** The Workspace user the service account acts as (domain-wide delegation): it owns the plan documents. */
  GOOGLE_SUBJECT: z.email().optional(),
  /** The Drive folder (in the subject's My Drive) that holds the plan documents. */
  GOOGLE_PLANS_FOLDER_ID: z.string().optional(),
  /** Optional: a Google Doc copied for each new plan, its {{placeholders}} filled in. */
  GOOGLE_TEMPLATE_DOC_ID: z.string().optional(),
  /** Drive's API root; tests point it, and the next two, at the fake. */
  GOOGLE_API_ROOT_URL: z.url().default('https://www.googleapis.com/'),
  /** Docs' API root. */
  GOOGLE_DOCS_ROOT_URL: z.url().default('https://docs.googleapis.com/'),
  /** Where the signed assertion is exchanged for an access token (also the assertion's audience). */
  GOOGLE_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  /** Drive role of the manager's manager and of HR on plan documents (team member and manager: writer). */
  GOOGLE_ROLE_MANAGERS_MANAGER: driveRole.default('commenter'),
  /** Drive role of HR on plan documents. */
  GOOGLE_ROLE_HR: driveRole.default('commenter'),
  /** What the team member and manager keep on a closed plan's document. */
  GOOGLE_ROLE_ON_CLOSE: driveRole.default('commenter'),
  /** Party addresses that are Google Groups (e.g. an HR group), granted as type `group`. */
  GOOGLE_GROUP_EMAILS: emailList,
});

/** Google's settings, as parsed. */
export type GoogleSettings = z.output<typeof googleSchema>;

/**
 * Whether the configuration turns Google Docs on: a setting only Google Docs has. The key alone
 * says nothing, since Gmail's reminders use it too (config.ts names a key that nothing uses).
 */
export function googleEnabled(config: GoogleSettings): boolean {
  return Boolean(config.GOOGLE_SUBJECT || config.GOOGLE_PLANS_FOLDER_ID || config.GOOGLE_TEMPLATE_DOC_ID);
}

/** Every missing or malformed Google setting, when Google is on, so a half-configured service stops at start-up. */
export function checkGoogle(config: GoogleSettings, issues: ConfigIssues): void {
  if (!googleEnabled(config)) return;
  if (!config.GOOGLE_SERVICE_ACCOUNT_KEY) issues.add('GOOGLE_SERVICE_ACCOUNT_KEY', 'missing (the service account JSON key, as text)');
  else if (!parseServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY))
    issues.add('GOOGLE_SERVICE_ACCOUNT_KEY', 'not a service account JSON key (needs client_email and a PEM private_key)');
  if (!config.GOOGLE_SUBJECT) issues.add('GOOGLE_SUBJECT', 'missing (the Workspace user who owns the plan documents)');
  if (!config.GOOGLE_PLANS_FOLDER_ID) issues.add('GOOGLE_PLANS_FOLDER_ID', 'missing (the private folder for plan documents)');
  checkDriveId('GOOGLE_PLANS_FOLDER_ID', config.GOOGLE_PLANS_FOLDER_ID, issues);
  checkDriveId('GOOGLE_TEMPLATE_DOC_ID', config.GOOGLE_TEMPLATE_DOC_ID, issues);
}

/**
 * The provider's options from a configuration loadConfig accepted, or undefined when it does not turn
 * Google Docs on (checkGoogle has already refused a half-configured one, so nothing is thrown here).
 */
export function googleOptionsFromConfig(config: GoogleSettings, fetchImpl?: typeof fetch): GoogleProviderOptions | undefined {
  const key = googleEnabled(config) ? parseServiceAccountKey(config.GOOGLE_SERVICE_ACCOUNT_KEY ?? '') : undefined;
  if (!key || !config.GOOGLE_SUBJECT || !config.GOOGLE_PLANS_FOLDER_ID) return undefined;
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
function checkDriveId(name: string, value: string | undefined, issues: ConfigIssues): void {
  if (!value || /^[A-Za-z0-9_-]+$/.test(value)) return;
  const fromUrl = /\/d\/([A-Za-z0-9_-]+)/.exec(value)?.[1] ?? /\/folders\/([A-Za-z0-9_-]+)/.exec(value)?.[1];
  if (fromUrl) issues.add(name, `a URL, not an ID; use ${value.includes('/folders/') ? 'the last part of the URL' : 'the part after /d/'} (${fromUrl})`);
  else issues.add(name, `"${value}" is not a Drive ID (letters, digits, - and _ only)`);
}
