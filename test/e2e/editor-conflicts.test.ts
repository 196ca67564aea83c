/**
 * Two people edit the same local document from the same version (docs/api.md, documents): edits to
 * different lines are merged three-way and both kept; edits to the same lines give 409 edit_conflict
 * with the current text and save nothing. Text is never silently dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVERSARIAL_MERGES } from '../support/adversarial-merges.js';
import { type Person, type TestService, isoToday, makeTestService, planBody } from '../support/app.js';

let service: TestService;
let planId: string;
beforeAll(async () => {
  service = await makeTestService();
  planId = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday()) })).json.plan.id;
});
afterAll(async () => service.close());

const open = async () => (await service.call('GET', `/api/plans/${planId}/document`, { as: 'hr' })).json as { markdown: string; version: string };
const save = (as: Person, markdown: string, baseVersion: string) => service.call('PUT', `/api/plans/${planId}/document`, { as, body: { markdown, baseVersion } });
/** The document with one line replaced (the line must exist once). */
function replaceLine(markdown: string, line: string, by: string): string {
  const lines = markdown.split('\n');
  const at = lines.indexOf(line);
  expect(at, `line "${line}"`).toBeGreaterThanOrEqual(0);
  lines[at] = by;
  return lines.join('\n');
}
const firstLine = (markdown: string) => markdown.split('\n')[0] as string;
const lastHeading = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .at(-1) as string;

describe('saving the local document', () => {
  it('edits to different lines from one version are merged: both saves answer 200 and both edits stay', async () => {
    const doc = await open();
    const title = firstLine(doc.markdown);
    const heading = lastHeading(doc.markdown);
    const ana = await save('teamMember', replaceLine(doc.markdown, title, `${title} (Ana)`), doc.version);
    expect(ana.status).toBe(200);
    const ben = await save('manager', replaceLine(doc.markdown, heading, `${heading} (Ben)`), doc.version);
    expect(ben.status).toBe(200);
    expect(ben.json.markdown).toBe(replaceLine(ana.json.markdown, heading, `${heading} (Ben)`));
    expect((await open()).markdown).toBe(ben.json.markdown);
    expect(ben.json.version).toBe((await open()).version);
  });

  it('an edit to the same line gives 409 edit_conflict with the current text, and saves nothing', async () => {
    const doc = await open();
    const title = firstLine(doc.markdown);
    const ana = await save('teamMember', replaceLine(doc.markdown, title, `${title} by Ana`), doc.version);
    expect(ana.status).toBe(200);
    const ben = await save('manager', replaceLine(doc.markdown, title, `${title} by Ben`), doc.version);
    expect(ben.status).toBe(409);
    expect(ben.error?.code).toBe('edit_conflict');
    expect(ben.extra.current).toEqual({ markdown: ana.json.markdown, version: ana.json.version });
    expect((await open()).markdown).toBe(ana.json.markdown);
  });

  it('simultaneous saves to the same line: one is saved, the other answers 409 with the saved text', async () => {
    for (let round = 0; round < 5; round++) {
      const doc = await open();
      const title = firstLine(doc.markdown);
      const [ana, ben] = await Promise.all([
        save('teamMember', replaceLine(doc.markdown, title, `Ana ${round}`), doc.version),
        save('manager', replaceLine(doc.markdown, title, `Ben ${round}`), doc.version),
      ]);
      expect([ana.status, ben.status].sort()).toEqual([200, 409]);
      const [winner, loser] = ana.status === 200 ? [ana, ben] : [ben, ana];
      expect((await open()).markdown).toBe(winner.json.markdown);
      expect(loser.extra.current?.markdown).toBe(winner.json.markdown);
    }
  });

  it('simultaneous saves to different lines: both answer 200 and the document holds both', async () => {
    for (let round = 0; round < 5; round++) {
      const doc = await open();
      const [ana, ben] = await Promise.all([
        save('teamMember', `${doc.markdown}\nAna's entry ${round}`, doc.version),
        save('manager', replaceLine(doc.markdown, firstLine(doc.markdown), `# Plan, round ${round}`), doc.version),
      ]);
      expect([ana.status, ben.status]).toEqual([200, 200]);
      const now = (await open()).markdown;
      expect(now).toContain(`Ana's entry ${round}`);
      expect(firstLine(now)).toBe(`# Plan, round ${round}`);
    }
  });

  it('a base version the service never handed out cannot be merged against: 409, nothing saved', async () => {
    const doc = await open();
    const res = await save('teamMember', `${doc.markdown}\nlate`, '0123456789abcdef');
    expect(res.status).toBe(409);
    expect(res.extra.current?.markdown).toBe(doc.markdown);
    expect((await open()).markdown).toBe(doc.markdown);
  });

  it('texts too different to merge (1,500 blank lines, then two divergent saves) answer 409 with the current text at once; nothing saved', async () => {
    const { base, theirs, mine } = ADVERSARIAL_MERGES['blank lines, then two divergent saves']!(1500, 60_000);
    const start = await save('manager', base, (await open()).version);
    expect(start.status).toBe(200);
    const ana = await save('teamMember', theirs, start.json.version);
    expect(ana.status).toBe(200);
    const ben = await save('manager', mine, start.json.version);
    expect(ben.status).toBe(409);
    expect(ben.error?.code).toBe('edit_conflict');
    expect(ben.error?.message).toContain('differ too much to merge');
    expect(ben.extra.current).toEqual({ markdown: theirs, version: ana.json.version });
    expect((await open()).markdown).toBe(theirs);
  });

  it('names people (issue 22.6): whose save was merged in, who changed the same lines, and "Keep my lines" tells the other', async () => {
    const id = (await service.call('POST', '/api/plans', { as: 'manager', body: planBody(isoToday(), { teamMember: { email: 'ana@acme.test', name: 'Ana' } }) })).json.plan
      .id as string;
    const path = `/api/plans/${id}/document` as const;
    const doc = (await service.call('GET', path, { as: 'hr' })).json as { markdown: string; version: string };
    const save = (as: Person, markdown: string, baseVersion: string) => service.call('PUT', path, { as, body: { markdown, baseVersion } });
    const title = firstLine(doc.markdown);
    const heading = lastHeading(doc.markdown);
    const ana = await save('teamMember', replaceLine(doc.markdown, heading, `${heading} (Ana names)`), doc.version);
    expect(ana.json.mergedWith).toEqual([]);
    const ben = await save('manager', replaceLine(doc.markdown, title, `${title} (Ben names)`), doc.version);
    expect(ben.json.mergedWith).toEqual([{ name: 'Ana' }]);

    const conflict = await save('teamMember', replaceLine(ben.json.markdown, `${title} (Ben names)`, `${title} (Ana again)`), ana.json.version);
    expect(conflict.status).toBe(409);
    expect(conflict.extra.by).toEqual({ name: 'Ben' });
    // Ana keeps her lines over Ben's: Ben hears it at his next heartbeat, once, by name.
    const kept = await service.call('PUT', path, {
      as: 'teamMember',
      body: {
        markdown: replaceLine(conflict.extra.current!.markdown, `${title} (Ben names)`, `${title} (Ana again)`),
        baseVersion: conflict.extra.current!.version,
        keptMine: true,
      },
    });
    expect(kept.status).toBe(200);
    const beat = await service.call('POST', `${path}/presence`, { as: 'manager', body: {} });
    expect(beat.json.replaced.map((r: { by: string }) => r.by)).toEqual(['Ana']);
    expect(beat.json.savedBy).toEqual({ name: 'Ana' });
    expect((await service.call('POST', `${path}/presence`, { as: 'manager', body: {} })).json.replaced).toEqual([]);
    expect((await service.call('POST', `${path}/presence`, { as: 'teamMember', body: {} })).json.replaced).toEqual([]);
  });
});
