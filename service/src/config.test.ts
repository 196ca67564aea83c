import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** A bad Google key, a Notion token without its data source, and a lead time that is not a number. */
const THREE_PARTS_WRONG: Record<string, string | undefined> = {
  GOOGLE_SUBJECT: 'owner@acme.test',
  GOOGLE_PLANS_FOLDER_ID: 'folder1',
  GOOGLE_SERVICE_ACCOUNT_KEY: '{"client_email":"svc@p.iam.gserviceaccount.com"}',
  NOTION_TOKEN: 'ntn_x',
  REMINDER_LEAD_DAYS: 'soon',
};

/** The problems of the ConfigError `load` throws (fails when it throws none, or something else). */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.unreachable('the configuration was accepted');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      PUBLIC_URL: 'http://localhost:8787',
      PROVIDER: 'local',
      TIME_ZONE: 'UTC',
      POLL_INTERVAL_SECONDS: 300,
    });
    expect(config.HR_EMAILS).toEqual([]);
    expect(config.API_TOKENS.size).toBe(0);
  });

  it('reads tokens and HR emails, normalising case', () => {
    const config = loadConfig({ API_TOKENS: 'Ben@Acme.test=abcdefghijklmnop1234, hr@acme.test=qrstuvwxyz0123456789', HR_EMAILS: 'HR@acme.test, people@acme.test' });
    expect(config.API_TOKENS.get('abcdefghijklmnop1234')).toBe('ben@acme.test');
    expect(config.HR_EMAILS).toEqual(['hr@acme.test', 'people@acme.test']);
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: '99999', TIME_ZONE: 'Nowhere/Land', API_TOKENS: 'ben=short', HR_EMAILS: 'not-an-email', PROVIDER: 'dropbox' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'TIME_ZONE', 'API_TOKENS', 'HR_EMAILS', 'PROVIDER']) expect(problems).toContain(name);
    }
  });

  it('names the problems of three parts (Google, Notion, reminders) in one error: one start-up, not three', () => {
    // 'soon' is not a number, a failure that would stop the rules between variables from running,
    // and with them the Google and Notion checks, until it was fixed.
    const problems = problemsOf(() => loadConfig(THREE_PARTS_WRONG));
    expect(problems).toEqual([
      expect.stringMatching(/^REMINDER_LEAD_DAYS: /),
      'GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key (needs client_email and a PEM private_key)',
      "NOTION_DATA_SOURCE_ID: required when NOTION_TOKEN is set (the Coaching plans database's data source id)",
    ]);
    // Each fixed, the configuration is accepted: nothing else was wrong, and nothing waits for a later round.
    const key = JSON.stringify({ client_email: 'svc@p.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQ==\n-----END PRIVATE KEY-----\n' });
    const fixed = loadConfig({ ...THREE_PARTS_WRONG, GOOGLE_SERVICE_ACCOUNT_KEY: key, NOTION_DATA_SOURCE_ID: 'ds', REMINDER_LEAD_DAYS: '2' });
    expect(fixed).toMatchObject({ GOOGLE_SERVICE_ACCOUNT_KEY: key, NOTION_DATA_SOURCE_ID: 'ds', REMINDER_LEAD_DAYS: 2 });
  });

  it('refuses a default PROVIDER that is not configured, and a REMINDER_SENDER whose key is not a service account key, in the same parse', () => {
    const problems = problemsOf(() => loadConfig({ PROVIDER: 'google', REMINDER_SENDER: 'plans@acme.test', GOOGLE_SERVICE_ACCOUNT_KEY: '{"type":"authorized_user"}' }));
    expect(problems).toEqual([
      `PROVIDER: "google" is the default for new plans but is not configured (see docs/google-setup.md)`,
      'GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key (needs client_email and a PEM private_key); REMINDER_SENDER sends with it',
    ]);
    // The key alone turns nothing on: it is said, with what each use of it needs.
    expect(problemsOf(() => loadConfig({ GOOGLE_SERVICE_ACCOUNT_KEY: '{"client_email":"svc@p.iam.gserviceaccount.com"}' }))).toEqual([
      expect.stringMatching(/^GOOGLE_SERVICE_ACCOUNT_KEY: is set but nothing uses it: Google Docs also needs GOOGLE_SUBJECT and GOOGLE_PLANS_FOLDER_ID .*REMINDER_SENDER/),
    ]);
    // A PROVIDER that names no provider is said once, as such.
    expect(problemsOf(() => loadConfig({ PROVIDER: 'dropbox' }))).toEqual([expect.stringMatching(/^PROVIDER: Invalid option/)]);
  });

  it('refuses the example SESSION_SECRET and change-me tokens, naming the pair by its email only', () => {
    const example = readFileSync(new URL('../../.dev.vars.example', import.meta.url), 'utf8');
    const exampleEnv = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    try {
      loadConfig(exampleEnv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^SESSION_SECRET: is the example value/m);
      expect(problems).toMatch(/^API_TOKENS: the token of hr@example\.com is a placeholder/m);
      expect(problems).toMatch(/^API_TOKENS: the token of manager@example\.com is a placeholder/m);
      expect(problems).not.toContain('change-me-hr-token');
    }
    expect(() => loadConfig({ SESSION_SECRET: 'CHANGEME-please-a-long-enough-secret-value' })).toThrow(/SESSION_SECRET: is the example value/);
    expect(loadConfig({ SESSION_SECRET: 'f3b9c0e1a2d4c6b8e0f1a3c5d7e9b1a3' }).SESSION_SECRET).toBe('f3b9c0e1a2d4c6b8e0f1a3c5d7e9b1a3');
  });

  it('refuses an http: PUBLIC_URL on another machine unless ALLOW_HTTP_PUBLIC_URL says the network is trusted', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'http://plans.acme.test' })).toThrow(/PUBLIC_URL: is http: on another machine/);
    expect(() => loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8787' })).toThrow(/PUBLIC_URL: is http: on another machine/);
    expect(loadConfig({ PUBLIC_URL: 'http://plans.acme.test', ALLOW_HTTP_PUBLIC_URL: 'true' }).PUBLIC_URL).toBe('http://plans.acme.test');
    for (const url of ['http://localhost:8787', 'http://127.0.0.1:9000', 'http://[::1]:8787', 'https://plans.acme.test'])
      expect(loadConfig({ PUBLIC_URL: url }).PUBLIC_URL).toBe(url);
    expect(() => loadConfig({ ALLOW_HTTP_PUBLIC_URL: 'yes' })).toThrow(/ALLOW_HTTP_PUBLIC_URL/);
  });

  it('requires HR_EMAILS once API_TOKENS is set', () => {
    expect(() => loadConfig({ API_TOKENS: 'ben@acme.test=abcdefghijklmnop1234' })).toThrow(/HR_EMAILS: is required when API_TOKENS is set/);
  });

  it('reads the company sign-in settings, and refuses an http: issuer or team domain off loopback', () => {
    const config = loadConfig({ OIDC_ISSUER: 'https://accounts.google.com', OIDC_CLIENT_ID: 'id', OIDC_ALLOWED_DOMAINS: 'Acme.com, @acme.co.uk', HR_EMAILS: 'hr@acme.com' });
    expect(config.OIDC_ALLOWED_DOMAINS).toEqual(['acme.com', 'acme.co.uk']);
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'id', HR_EMAILS: 'hr@acme.com' }).OIDC_ISSUER).toBe('http://127.0.0.1:9000');
    expect(() => loadConfig({ OIDC_ISSUER: 'http://idp.acme.com', OIDC_CLIENT_ID: 'id', HR_EMAILS: 'hr@acme.com' })).toThrow(/OIDC_ISSUER: must be an https: URL/);
    expect(() => loadConfig({ CF_ACCESS_TEAM_DOMAIN: 'http://acme.cloudflareaccess.com', CF_ACCESS_AUD: 'aud', HR_EMAILS: 'hr@acme.com' })).toThrow(
      /CF_ACCESS_TEAM_DOMAIN: must be an https: URL/,
    );
    expect(() => loadConfig({ OIDC_ISSUER: 'https://accounts.google.com', HR_EMAILS: 'hr@acme.com' })).toThrow(/OIDC_CLIENT_ID: is required/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://accounts.google.com', OIDC_CLIENT_ID: 'id' })).toThrow(/HR_EMAILS: is required when OIDC_ISSUER is set/);
    expect(() => loadConfig({ CF_ACCESS_TEAM_DOMAIN: 'https://acme.cloudflareaccess.com', HR_EMAILS: 'hr@acme.com' })).toThrow(
      /CF_ACCESS_AUD: CF_ACCESS_TEAM_DOMAIN and CF_ACCESS_AUD go together/,
    );
    expect(() => loadConfig({ OIDC_ALLOWED_DOMAINS: 'acme' })).toThrow(/OIDC_ALLOWED_DOMAINS/);
  });

  it('never repeats token text in its error: a mistyped pair is named by position and email', () => {
    const secret = 'Sup3rSecretToken';
    try {
      loadConfig({ API_TOKENS: `ben@acme.test=abcdefghijklmnop1234, ana@acme.test ${secret}x, ${secret}`, HR_EMAILS: 'hr@acme.test' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/API_TOKENS: pair 2 .*pair 3/s);
      expect(problems).not.toContain('Sup3r');
    }
  });

  it('builds the default PUBLIC_URL from PORT', () => {
    expect(loadConfig({ PORT: '9123' }).PUBLIC_URL).toBe('http://localhost:9123');
    expect(loadConfig({ PORT: '9123', PUBLIC_URL: 'https://plans.acme.test/' }).PUBLIC_URL).toBe('https://plans.acme.test');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', PROVIDER: '' })).toMatchObject({ PORT: 8787, PROVIDER: 'local' });
  });

  it('reads the reminder channels, all off by default, and names what is wrong without repeating an SMTP password', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ REMINDER_LEAD_DAYS: 1, GOOGLE_GMAIL_ROOT_URL: 'https://gmail.googleapis.com/' });
    expect([defaults.NOTIFY_WEBHOOK_URL, defaults.SMTP_URL, defaults.MAIL_FROM, defaults.REMINDER_SENDER]).toEqual([undefined, undefined, undefined, undefined]);
    const on = loadConfig({
      REMINDER_LEAD_DAYS: '2',
      NOTIFY_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x',
      SMTP_URL: 'smtps://u:p@smtp.acme.test:465',
      MAIL_FROM: 'plans@acme.test',
    });
    expect(on).toMatchObject({ REMINDER_LEAD_DAYS: 2, NOTIFY_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/x', MAIL_FROM: 'plans@acme.test' });
    try {
      loadConfig({ REMINDER_LEAD_DAYS: '-1', NOTIFY_WEBHOOK_URL: 'http://hooks.acme.test/x', SMTP_URL: 'https://u:Hunter2Secret@smtp.acme.test', REMINDER_SENDER: 'not-an-email' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['REMINDER_LEAD_DAYS', 'NOTIFY_WEBHOOK_URL: must be an https: URL', 'SMTP_URL: must be an smtp:// or smtps:// URL', 'REMINDER_SENDER'])
        expect(problems).toContain(name);
      expect(problems).not.toContain('Hunter2');
    }
    expect(() => loadConfig({ SMTP_URL: 'smtp://smtp.acme.test:587' })).toThrow(/MAIL_FROM: is required when SMTP_URL is set/);
    expect(() => loadConfig({ REMINDER_SENDER: 'plans@acme.test' })).toThrow(/GOOGLE_SERVICE_ACCOUNT_KEY: is required when REMINDER_SENDER is set/);
    expect(() => loadConfig({ REMINDER_SENDER: 'plans@acme.test', GOOGLE_SERVICE_ACCOUNT_KEY: '{}', SMTP_URL: 'smtp://smtp.acme.test', MAIL_FROM: 'plans@acme.test' })).toThrow(
      /choose one email channel/,
    );
  });
});
