/**
 * The private calendar feeds (docs/calendar.md): each person's feed holds the check-in and end dates
 * of the open plans they are party to, HR's all of them, read back with a real iCalendar parser
 * (ical.js). The address is a secret that rotation revokes at once, the feed needs no sign-in, and it
 * carries names, titles, dates and the document link, never what the plan says.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarAddressSchema } from '../../service/src/http/api-schemas.js';
import { PEOPLE, type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
/** Ana's plan (Ben manages, Cy above him), started 10 days ago; Zoe's plan, managed by Dan, under Max. */
let ana: { id: string; docUrl: string };
let zoe: { id: string; docUrl: string };

async function createPlan(as: Person, body: object): Promise<{ id: string; docUrl: string }> {
  const res = await service.call('POST', '/api/plans', { as, body });
  expect(res.status).toBe(201);
  return { id: res.json.plan.id, docUrl: res.json.plan.docUrl ?? '' };
}

/** Appends a progress entry to a local plan's document and reads the document now. */
async function addProgressEntry(id: string, date: string, text: string): Promise<void> {
  const doc = await service.call('GET', `/api/plans/${id}/document`, { as: 'hr' });
  const markdown = doc.json.markdown.replace('| Date | Update | By |\n| --- | --- | --- |', (table: string) => `${table}\n| ${date} | ${text} | Ana |`);
  expect((await service.call('PUT', `/api/plans/${id}/document`, { as: 'hr', body: { markdown, baseVersion: doc.json.version } })).status).toBe(200);
  expect((await service.call('POST', `/api/plans/${id}/poll`, { as: 'hr' })).status).toBe(200);
}

const feedPath = (url: string) => new URL(url).pathname;

async function feedUrlOf(person: Person): Promise<string> {
  const res = await service.call('GET', '/api/calendar', { as: person });
  expect(res.status).toBe(200);
  return calendarAddressSchema.parse(res.json).url;
}

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  url: string | null;
  start: string;
  allDay: boolean;
}

/** The feed fetched with no credentials at all, as a calendar app does, and parsed by ical.js. */
async function feedEvents(url: string): Promise<ParsedEvent[]> {
  const res = await service.call('GET', feedPath(url));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(res.text));
  expect(calendar.name).toBe('vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
    };
  });
}

const uidsOf = (events: ParsedEvent[]) => events.map((event) => event.uid).sort();

beforeAll(async () => {
  service = await makeTestService();
  ana = await createPlan('manager', planBody(isoToday(-10)));
  zoe = await createPlan(
    'otherManager',
    planBody(isoToday(-2), {
      teamMember: { email: 'zoe@acme.test', name: 'Zoe' },
      manager: { email: PEOPLE.otherManager.email, name: 'Dan' },
      managersManager: { email: 'max@acme.test', name: 'Max' },
      developmentArea: 'Running retrospectives',
    }),
  );
});
afterAll(async () => service.close());

describe('calendar feeds', () => {
  it("hold each party's own open plans, HR's all of them, and a fifth person's none", async () => {
    const anaEvents = await feedEvents(await feedUrlOf('teamMember'));
    // 30 days with a check-in every 7: four check-ins, then the end date; each an all-day event.
    expect(anaEvents).toHaveLength(5);
    expect(anaEvents.every((event) => event.allDay && event.uid.startsWith(`${ana.id}.`))).toBe(true);
    expect(anaEvents.map((event) => event.start).sort()).toEqual([isoToday(-3), isoToday(4), isoToday(11), isoToday(18), isoToday(20)]);
    expect(anaEvents.find((event) => event.start === isoToday(20))?.summary).toMatch(/^Plan ends: Coaching plan: Ana, /);
    expect(anaEvents.every((event) => event.url === ana.docUrl && event.description.includes(ana.docUrl))).toBe(true);

    for (const person of ['manager', 'managersManager'] as const) expect(uidsOf(await feedEvents(await feedUrlOf(person)))).toEqual(uidsOf(anaEvents));
    const danEvents = await feedEvents(await feedUrlOf('otherManager'));
    expect(danEvents.length).toBeGreaterThan(0);
    expect(danEvents.every((event) => event.uid.startsWith(`${zoe.id}.`))).toBe(true);
    expect(uidsOf(await feedEvents(await feedUrlOf('hr')))).toEqual([...uidsOf(anaEvents), ...uidsOf(danEvents)].sort());
    expect(await feedEvents(await feedUrlOf('stranger'))).toEqual([]);
  });

  it('give the same dates to the dashboard\'s "This week", for the person signed in only', async () => {
    const week = async (person: Person) => {
      const res = await service.call('GET', '/api/this-week', { as: person });
      expect(res.status).toBe(200);
      const items = (list: { items: { planId: string; date: string }[] }) =>
        list.items.map((item) => `${item.planId === ana.id ? 'ana' : item.planId === zoe.id ? 'zoe' : item.planId} ${item.date}`);
      return { due: items(res.json.checkInsDue), missed: items(res.json.checkInsMissed), ending: items(res.json.plansEnding) };
    };
    expect(await week('teamMember')).toEqual({ due: [`ana ${isoToday(4)}`], missed: [`ana ${isoToday(-3)}`], ending: [] });
    expect(await week('otherManager')).toEqual({ due: [`zoe ${isoToday(5)}`], missed: [], ending: [] });
    expect(await week('hr')).toEqual({ due: [`ana ${isoToday(4)}`, `zoe ${isoToday(5)}`], missed: [`ana ${isoToday(-3)}`], ending: [] });
    expect(await week('stranger')).toEqual({ due: [], missed: [], ending: [] });
    expect((await service.call('GET', '/api/this-week')).status).toBe(401);
  });

  it('say whether each check-in was made or missed, and keep their UIDs as that changes', async () => {
    const url = await feedUrlOf('teamMember');
    const before = await feedEvents(url);
    const first = before.find((event) => event.start === isoToday(-3));
    expect(first?.summary).toMatch(/^Check-in 1 of 4 missed: /);
    expect(before.find((event) => event.start === isoToday(4))?.summary).toMatch(/^Check-in 2 of 4 due: /);

    await addProgressEntry(ana.id, isoToday(-4), 'Confidential: reviewed the salary discussion notes');
    const after = await feedEvents(url);
    expect(uidsOf(after)).toEqual(uidsOf(before));
    expect(after.find((event) => event.uid === first?.uid)?.summary).toMatch(/^Check-in 1 of 4 made: /);
  });

  it('carry names, titles, dates and the document link, never what the plan says', async () => {
    const text = (await service.call('GET', feedPath(await feedUrlOf('hr')))).text;
    const body = planBody(isoToday(-10));
    const planText = [
      body.developmentArea,
      body.currentState,
      body.goalState,
      body.supportAssets,
      ...body.activities.map((a) => a.title),
      'Running retrospectives',
      'Confidential',
      'salary',
    ];
    for (const secret of planText) expect(text.toLowerCase()).not.toContain(secret.toLowerCase().slice(0, 40));
    // Nor anyone's email: calendars are shared and synced more widely than the document.
    for (const person of Object.values(PEOPLE)) expect(text).not.toContain(person.email);
  });

  it('need no sign-in, and are neither cached nor indexed', async () => {
    const res = await service.call('GET', feedPath(await feedUrlOf('teamMember')));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('keep one event of a closed plan, its end, saying the outcome (its check-ins go)', async () => {
    const closing = await createPlan('manager', planBody(isoToday(-1), { teamMember: { email: 'kai@acme.test', name: 'Kai' } }));
    const url = await feedUrlOf('manager');
    const before = (await feedEvents(url)).filter((event) => event.uid.startsWith(`${closing.id}.`));
    expect(before.length).toBeGreaterThan(1);
    expect((await service.call('POST', `/api/plans/${closing.id}/close`, { as: 'manager', body: { outcome: 'partially_achieved', note: 'Private closing words' } })).status).toBe(
      200,
    );
    const after = (await feedEvents(url)).filter((event) => event.uid.startsWith(`${closing.id}.`));
    expect(after.map((event) => event.uid)).toEqual([before.find((event) => event.uid.startsWith(`${closing.id}.end@`))?.uid]);
    expect(after[0]?.summary).toMatch(/^Plan closed, partially achieved: Coaching plan: Kai/);
    expect(after[0]?.start).toBe(isoToday(0));
    expect(JSON.stringify(after)).not.toContain('Private closing words');
  });
});

describe('calendar addresses', () => {
  it('stay the same until rotated; rotating makes the old address 404 at once', async () => {
    const url = await feedUrlOf('managersManager');
    expect(url).toMatch(/^http:\/\/localhost:8787\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await feedUrlOf('managersManager')).toBe(url);
    expect(await feedUrlOf('manager')).not.toBe(url);

    const rotated = await service.call('POST', '/api/calendar/rotate', { as: 'managersManager' });
    expect(rotated.status).toBe(200);
    const next = calendarAddressSchema.parse(rotated.json).url;
    expect(next).not.toBe(url);
    const old = await service.call('GET', feedPath(url));
    expect(old.status).toBe(404);
    expect(old.text).not.toContain('BEGIN:VCALENDAR');
    expect((await service.call('GET', feedPath(next))).status).toBe(200);
    expect(await feedUrlOf('managersManager')).toBe(next);
  });

  it('are kept as a hash and a sealed copy, never as the token', async () => {
    const token = /\/calendar\/(.+)\.ics$/.exec(await feedUrlOf('hr'))?.[1] as string;
    const kept = await service.store.getCalendarToken(PEOPLE.hr.email);
    expect(kept).not.toBeNull();
    expect(JSON.stringify(kept)).not.toContain(token);
  });

  it('answer 404 for anything but a current token, and need a signed-in caller to be made', async () => {
    const token = /\/calendar\/(.+)\.ics$/.exec(await feedUrlOf('teamMember'))?.[1] as string;
    const wrong = ['short', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()];
    for (const path of [...wrong.map((t) => `/calendar/${t}.ics`), `/calendar/${token}`, `/calendar/${token}.ics.ics`, '/calendar/.ics']) {
      const res = await service.call('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.error?.code).toBe('not_found');
    }
    expect((await service.call('GET', '/api/calendar')).status).toBe(401);
    expect((await service.call('POST', '/api/calendar/rotate')).status).toBe(401);
  });

  it('cannot be rotated from another site with the session cookie', async () => {
    const origin = 'http://localhost:8787';
    const signIn = await service.call('POST', `${origin}/api/session`, { body: { token: PEOPLE.teamMember.token }, headers: { origin } });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const before = await service.call('GET', `${origin}/api/calendar`, { headers: { cookie } });
    const refused = await service.call('POST', `${origin}/api/calendar/rotate`, { headers: { cookie, origin: 'https://evil.test' } });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe('csrf');
    expect((await service.call('GET', feedPath(before.json.url))).status).toBe(200);
    expect((await service.call('POST', `${origin}/api/calendar/rotate`, { headers: { cookie, origin } })).status).toBe(200);
    expect((await service.call('GET', feedPath(before.json.url))).status).toBe(404);
  });
});
