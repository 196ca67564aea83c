import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../fakes/notion/index.js';
import { type notionEnv, servedNotionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const setup = (...args: Parameters<typeof notionEnv>) => servedNotionEnv(server, ...args);

describe('notion checkSetup', () => {
  it('is ok with the documented database', async () => {
    expect(await setup().provider.checkSetup!()).toEqual({ ok: true, problems: [] });
  });

  it('accepts renamed properties through NOTION_PROPERTIES', async () => {
    const { HR: _hr, Start: _start, ...rest } = DEFAULT_SCHEMA;
    const env = setup({ seed: { schema: { ...rest, 'People team': 'people', Begins: 'date' } }, provider: { properties: 'HR=People team,Start=Begins' } });
    expect((await env.provider.checkSetup!()).ok).toBe(true);
  });

  it('names everything to add or fix in one report, after adding what it may add itself', async () => {
    const { HR: _hr, End: _end, ...rest } = DEFAULT_SCHEMA;
    const env = setup({ seed: { schema: { ...rest, Manager: 'rich_text' } } });
    const report = await env.provider.checkSetup!();
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toContain('change the property "Manager" from rich_text to Person');
    // A Person property grants access through rules only a person can set: never added by the service.
    expect(report.problems[0]).toContain('add a Person property named "HR"');
    expect(report.problems[0]).not.toContain('"End"');
    expect(env.fake.state.dataSources.get(env.dataSourceId)!.properties['End']!.type).toBe('date');
    // A property of the wrong type is reported, never retyped (people's entries in it would be lost).
    expect(env.fake.state.dataSources.get(env.dataSourceId)!.properties['Manager']!.type).toBe('rich_text');
  });

  it('says when the integration cannot read emails, the token is wrong, or the data source is not shared', async () => {
    const noEmails = setup({ seed: { withoutEmails: true } });
    expect((await noEmails.provider.checkSetup!()).problems.join(' ')).toContain('Read user information including email addresses');

    const badToken = setup({ provider: { token: 'nope' } });
    expect((await badToken.provider.checkSetup!()).problems.join(' ')).toContain('NOTION_TOKEN');

    const wrongId = setup({ provider: { dataSourceId: crypto.randomUUID() } });
    const wrong = (await wrongId.provider.checkSetup!()).problems.join(' ');
    expect(wrong).toContain('Connections');
    // The usual mistake: the database id from the link instead of the data source id.
    expect(wrong).toContain('Copy data source ID');
    expect(wrong).toContain('is the database id');
  });
});
