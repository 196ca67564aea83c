/**
 * Reminders by email through the Gmail API as REMINDER_SENDER, into the Google fake's Gmail
 * endpoint: the service account's token for the sender with only the gmail.send scope (domain-wide
 * delegation), one message per person, every kind, once; a refused delegation or a failing Gmail is
 * retried later and the poll goes on.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GMAIL_SEND_SCOPE } from '../../service/src/providers/google/api/auth.js';
import { GoogleFake } from '../fakes/google/fake.js';
import { googleHandlers } from '../fakes/google/msw.js';
import type { FakeServiceAccount } from '../fakes/google/token.js';
import { setUpWorkspace } from '../fakes/google/workspace.js';
import { PEOPLE, makeTestService, type TestService } from '../support/app.js';
import { Clock, createPlan, pollAt, runMonth } from './scenario.js';

const SENDER = 'plans@acme.test';
const server = setupServer();
let fake: GoogleFake;
let account: FakeServiceAccount;
let service: TestService;
const clock = new Clock();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  fake = new GoogleFake({
    apiRootUrl: 'https://drive.fake.test/',
    docsRootUrl: 'https://docs.fake.test/',
    gmailRootUrl: 'https://gmail.fake.test/',
    tokenUrl: 'https://oauth.fake.test/token',
  });
  fake.now = () => clock.ms;
  server.resetHandlers(...googleHandlers(fake));
  const workspace = await setUpWorkspace(fake, { owner: SENDER, users: Object.values(PEOPLE).map((p) => p.email) });
  account = workspace.serviceAccount;
  account.delegatedScopes.push(GMAIL_SEND_SCOPE);
  // Gmail only: plans stay local; the key and the sender are all the Gmail channel needs.
  service = await makeTestService(
    {
      GOOGLE_SERVICE_ACCOUNT_KEY: workspace.env.GOOGLE_SERVICE_ACCOUNT_KEY as string,
      GOOGLE_TOKEN_URL: fake.tokenUrl,
      GOOGLE_GMAIL_ROOT_URL: fake.gmail.rootUrl,
      REMINDER_SENDER: SENDER,
    },
    undefined,
    { now: clock.now },
  );
});
afterEach(async () => {
  await service.close();
});

describe('reminders through Gmail', () => {
  it('refuses to start with REMINDER_SENDER and a key that is not a service account key', async () => {
    await expect(makeTestService({ GOOGLE_SERVICE_ACCOUNT_KEY: '{"type":"authorized_user"}', REMINDER_SENDER: SENDER })).rejects.toThrow(
      /GOOGLE_SERVICE_ACCOUNT_KEY: not a service account JSON key/,
    );
  });

  it('sends each kind once to each person, as the sender, with nothing of the plan but name, title, dates and link', async () => {
    await runMonth(service, clock, () => fake.gmail.sent.map((mail) => ({ to: mail.to.join(','), text: `${mail.subject}\n${mail.text}` })), 'person');
    // 12 reminders and the close notice to the four.
    expect(fake.gmail.sent).toHaveLength(16);
    for (const mail of fake.gmail.sent) {
      expect(mail.sender).toBe(SENDER);
      expect(mail.headers['auto-submitted']).toBe('auto-generated');
      expect(mail.messageId).toMatch(
        /^<(check_in_due|check_in_missed|plan_ending|plan_closed)\.\d{4}-\d{2}-\d{2}\.[^.]+\.(teamMember|manager|managersManager|hr)@coaching-plans>$/,
      );
    }
    expect(fake.gmail.sent[0]?.text).toMatch(/^Hello (Ana|Ben),\n\nA check-in on Ana's coaching plan is due on 2026-12-08\./);
    // Only the gmail.send token was asked for: Drive and Docs are never touched by reminders.
    expect(Object.keys(fake.counts()).sort()).toEqual(['gmail.users.messages.send', 'oauth.token']);
  });

  it('retries in a later cycle when the delegation lacks gmail.send or Gmail fails, and sends once when it works', async () => {
    clock.set('2026-12-01T09:00:00Z');
    const planId = await createPlan(service);
    account.delegatedScopes.splice(account.delegatedScopes.indexOf(GMAIL_SEND_SCOPE), 1);
    expect(await pollAt(service, clock, '2026-12-07T09:00:00Z')).toMatchObject({ polled: 1, errors: 0 });
    expect(fake.gmail.sent).toEqual([]);
    expect(service.logs.join('\n')).toContain(`allow client ${account.clientId} the scopes ${GMAIL_SEND_SCOPE}`);

    account.delegatedScopes.push(GMAIL_SEND_SCOPE);
    fake.inject({ method: 'gmail.users.messages.send', kind: '503' });
    await pollAt(service, clock, '2026-12-07T09:05:00Z');
    expect(fake.gmail.sent).toEqual([]);
    await pollAt(service, clock, '2026-12-07T09:10:00Z');
    await pollAt(service, clock, '2026-12-07T09:15:00Z');
    expect(fake.gmail.sent.map((mail) => mail.to[0]).sort()).toEqual([PEOPLE.teamMember.email, PEOPLE.manager.email].sort());
    const audit = (await service.call('GET', `/api/plans/${planId}`, { as: 'hr' })).json.plan.audit as { kind: string; message: string }[];
    const reminders = audit.filter((e) => e.kind.startsWith('reminder.'));
    // One failure audited per delivery that failed first time; retries only logged.
    expect(reminders.map((e) => e.kind)).toEqual(['reminder.failed', 'reminder.sent', 'reminder.sent']);
    expect(reminders[0]?.message).toContain('by gmail failed; it is tried again in later cycles');
  });
});
