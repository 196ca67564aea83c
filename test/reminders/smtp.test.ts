/**
 * Reminders by email over SMTP (Node), into a real SMTP server on a free port, with the channel
 * wired as runtime/node.ts wires it from SMTP_URL and MAIL_FROM: every kind, once per person; a
 * relay that answers "try again later" gets the message in a later cycle; a wrong password is
 * retried and never shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../service/src/config.js';
import { nodeReminderChannels } from '../../service/src/runtime/smtp-channel.js';
import { PEOPLE, makeTestService, type TestService } from '../support/app.js';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver.js';
import { Clock, createPlan, pollAt, runMonth } from './scenario.js';

const FROM = 'coaching-plans@acme.test';
let smtp: SmtpReceiver;
let service: TestService;
let channels: ReturnType<typeof nodeReminderChannels>;
const clock = new Clock();

async function start(smtpUrl: string) {
  const env = { SMTP_URL: smtpUrl, MAIL_FROM: FROM };
  channels = nodeReminderChannels(loadConfig(env), () => clock.ms);
  service = await makeTestService(env, undefined, { now: clock.now, reminderChannels: channels });
}

beforeEach(async () => {
  smtp = await startSmtpReceiver();
});
afterEach(async () => {
  for (const channel of channels) channel.close();
  await service.close();
  await smtp.close();
});

describe('reminders over SMTP', () => {
  it('sends each kind once to each person, from MAIL_FROM, with nothing of the plan but name, title, dates and link', async () => {
    await start(smtp.url);
    await runMonth(service, clock, () => smtp.received.map((r) => ({ to: r.envelopeTo.join(','), text: `${r.mail.subject}\n${r.mail.text}` })), 'person');
    // 12 reminders and the close notice to the four.
    expect(smtp.received).toHaveLength(16);
    for (const { envelopeFrom, envelopeTo, mail } of smtp.received) {
      expect(envelopeFrom).toBe(FROM);
      expect(mail.fromAddress).toBe(FROM);
      expect(mail.to).toEqual(envelopeTo);
    }
  });

  it('tries again in a later cycle when the relay says "try again later" or refuses the password, and never logs the password', async () => {
    await start(smtp.url.replace('s3cret-Pa55', 'wrong-Pa55'));
    clock.set('2026-12-01T09:00:00Z');
    await createPlan(service);
    expect(await pollAt(service, clock, '2026-12-07T09:00:00Z')).toMatchObject({ polled: 1, errors: 0 });
    expect(smtp.received).toEqual([]);
    expect(service.logs.join('\n')).toMatch(/\[smtp\] .*535/);
    expect(service.logs.join('\n')).not.toContain('Pa55');
    await pollAt(service, clock, '2026-12-07T09:05:00Z');
    expect(smtp.received).toEqual([]);
    for (const channel of channels) channel.close();
    await service.close();

    // With the right password, a relay that is busy once.
    await start(smtp.url);
    clock.set('2026-12-01T09:00:00Z');
    await createPlan(service);
    smtp.failNext(1);
    await pollAt(service, clock, '2026-12-07T09:05:00Z');
    expect(smtp.received).toEqual([]);
    await pollAt(service, clock, '2026-12-07T09:10:00Z');
    expect(smtp.received.map((r) => r.envelopeTo[0]).sort()).toEqual([PEOPLE.teamMember.email, PEOPLE.manager.email].sort());
  });
});
