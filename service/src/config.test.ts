import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8787, HOST: '127.0.0.1', DATA_DIR: './data', PUBLIC_URL: 'http://localhost:8787', PROVIDER: 'local', TIME_ZONE: 'UTC', POLL_INTERVAL_SECONDS: 300 });
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

  it('requires HR_EMAILS once API_TOKENS is set', () => {
    expect(() => loadConfig({ API_TOKENS: 'ben@acme.test=abcdefghijklmnop1234' })).toThrow(/HR_EMAILS: is required when API_TOKENS is set/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', PROVIDER: '' })).toMatchObject({ PORT: 8787, PROVIDER: 'local' });
  });
});
