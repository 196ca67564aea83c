import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { loadWorkerConfig } from './worker-config.js';

const SECRET = 'a-session-secret-of-32-characters!!';

describe('configuration on Workers', () => {
  it('names SESSION_SECRET when it is missing, together with every other bad variable', () => {
    const error = (() => {
      try {
        loadWorkerConfig({ TIME_ZONE: 'Mars/Base', TEMPLATES_DIR: '/srv/templates', SMTP_URL: 'smtp://smtp.acme.test', MAIL_FROM: 'plans@acme.test' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^SESSION_SECRET: is required on Workers/m);
    expect(problems).toMatch(/^TEMPLATES_DIR: is Node-only/m);
    expect(problems).toMatch(/^TIME_ZONE:/m);
    expect(problems).toMatch(/^SMTP_URL: is Node-only/m);
  });

  it('names the problems of three parts and of Workers itself in one error, from one parse', () => {
    const error = (() => {
      try {
        // A bad Google key, a Notion token without its data source, a lead time that is not a number, no SESSION_SECRET.
        loadWorkerConfig({
          GOOGLE_SUBJECT: 'owner@acme.test',
          GOOGLE_PLANS_FOLDER_ID: 'folder1',
          GOOGLE_SERVICE_ACCOUNT_KEY: '{}',
          NOTION_TOKEN: 'ntn_x',
          REMINDER_LEAD_DAYS: 'soon',
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^REMINDER_LEAD_DAYS: /),
      'GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key (needs client_email and a PEM private_key)',
      "NOTION_DATA_SOURCE_ID: required when NOTION_TOKEN is set (the Coaching plans database's data source id)",
      expect.stringMatching(/^SESSION_SECRET: is required on Workers/),
    ]);
  });

  it('turns the trial sign-in off, reads the budget, and ignores bindings that are not text', () => {
    const config = loadWorkerConfig({ SESSION_SECRET: SECRET, DEV_SIGN_IN: 'auto', WORKER_SUBREQUEST_BUDGET: '12', DB: { prepare() {} } });
    expect(config.DEV_SIGN_IN).toBe('off');
    expect(config.WORKER_SUBREQUEST_BUDGET).toBe(12);
    expect(loadWorkerConfig({ SESSION_SECRET: SECRET }).WORKER_SUBREQUEST_BUDGET).toBe(40);
  });

  it("adds Workers' rules to its own parse only: Node's configuration keeps TEMPLATES_DIR and needs no SESSION_SECRET", () => {
    expect(() => loadWorkerConfig({ TEMPLATES_DIR: '/srv/templates' })).toThrow(/TEMPLATES_DIR: is Node-only/);
    expect(loadConfig({ TEMPLATES_DIR: '/srv/templates' })).toMatchObject({ TEMPLATES_DIR: '/srv/templates', DEV_SIGN_IN: 'auto' });
  });
});
