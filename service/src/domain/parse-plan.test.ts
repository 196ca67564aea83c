import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from './document-model.js';
import { markdownToDocument } from './markdown.js';
import { type ParseOptions, parseHumanDate, parsePlanDocument, readStatus } from './parse-plan.js';
import { sectionKind } from './parse-sections.js';
import type { Activity, ActivityStatus, ParsedPlan, ProgressEntry } from './plan.js';

const DMY: ParseOptions = { dateOrder: 'DMY', planStartDate: '2026-12-01' };
const parse = (markdown: string, options: ParseOptions = DMY): ParsedPlan => parsePlanDocument(markdownToDocument(markdown), options);

const ACTIVITIES = '## Activities\n\n| Activity | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Read the book | Ana | 2026-12-10 | Done |\n';
const PROGRESS = '## Progress log\n\n| Date | Update | By |\n| --- | --- | --- |\n| 2026-12-03 | First 1:1 | Ana |\n';

describe('sectionKind', () => {
  const cases: Array<[string, 'activities' | 'progress' | null]> = [
    ['Activities', 'activities'],
    ['3. Development activities', 'activities'],
    ['ACTIONS:', 'activities'],
    ['Action items', 'activities'],
    ['Tasks', 'activities'],
    ['Progress log', 'progress'],
    ['Progress', 'progress'],
    ['Updates', 'progress'],
    ['Check-ins', 'progress'],
    ['Weekly check-in notes', 'progress'],
    ['Progress updates 📈', 'progress'],
    ['Update cadence', null],
    ['Check-in schedule', null],
    ['Development area', null],
    ['Goal state', null],
    ['Support assets', null],
  ];
  it.each(cases)('%j -> %s', (heading, expected) => {
    expect(sectionKind(heading)).toBe(expected);
  });
});

describe('readStatus', () => {
  const cases: Array<[string, ActivityStatus | null]> = [
    ['', 'not_started'],
    ['Not started', 'not_started'],
    ['not-started', 'not_started'],
    ['To do', 'not_started'],
    ['Not done', 'not_started'],
    ['In progress', 'in_progress'],
    ['in-progress', 'in_progress'],
    ['WIP', 'in_progress'],
    ['Started', 'in_progress'],
    ['ongoing', 'in_progress'],
    ['Done', 'done'],
    ['done ✅', 'done'],
    ['✅', 'done'],
    ['Complete', 'done'],
    ['Completed!', 'done'],
    ['complete(d)', 'done'],
    ['Finished', 'done'],
    ['Dropped', 'dropped'],
    ['Cancelled', 'dropped'],
    ['canceled', 'dropped'],
    ['N/A', 'dropped'],
    ['Blocked by IT', null],
    ['42', null],
  ];
  it.each(cases)('%j -> %s', (text, expected) => {
    expect(readStatus(text)).toBe(expected);
  });
});

describe('parsePlanDocument: activities', () => {
  const cases: Array<[string, string, Activity[], string[]]> = [
    [
      'the template table',
      '## Activities\n\n| Activity | Owner | Due | Status |\n| --- | --- | --- | --- |\n| Shadow calls | Ana | 2026-12-10 | In progress |\n| Course | Bo | 3 Dec | |\n',
      [
        { title: 'Shadow calls', owner: 'Ana', due: '2026-12-10', status: 'in_progress' },
        { title: 'Course', owner: 'Bo', due: '2026-12-03', status: 'not_started' },
      ],
      [],
    ],
    [
      'renamed and reordered columns, extra columns, another heading name and level',
      '# Development activities\n\n| State | Notes | Who | Task | Due date |\n|---|---|---|---|---|\n| wip | hard | Ana | Write docs | end of month |\n',
      [{ title: 'Write docs', owner: 'Ana', due: 'end of month', status: 'in_progress' }],
      [],
    ],
    [
      'empty rows skipped silently, a row with no name warned',
      '## Actions\n\n| Action | Status |\n|---|---|\n| | |\n| A | done |\n|  | Done |\n| B | Dropped |\n',
      [
        { title: 'A', status: 'done' },
        { title: 'B', status: 'dropped' },
      ],
      ['Activities row 3 has no activity name; it was skipped.'],
    ],
    [
      'an unknown status reads as not started with a warning naming the row',
      '## Activities\n\n| Activity | Status |\n|---|---|\n| Ship it | Blocked by IT |\n',
      [{ title: 'Ship it', status: 'not_started' }],
      ['Activities row 1 ("Ship it"): unknown status "Blocked by IT", read as Not started (use Not started, In progress, Done or Dropped).'],
    ],
    [
      'a checklist instead of a table',
      '### Activities\n\nWhat we will do:\n\n- [x] Read the book\n- [ ] Present to the team\n  - [ ] a sub-task is not an activity\n',
      [
        { title: 'Read the book', status: 'done' },
        { title: 'Present to the team', status: 'not_started' },
      ],
      [],
    ],
    [
      'plain list items when there is nothing else',
      '## Activities\n\n1. Read the book\n2. Present to the team\n',
      [
        { title: 'Read the book', status: 'not_started' },
        { title: 'Present to the team', status: 'not_started' },
      ],
      [],
    ],
    [
      'a table and a checklist together; plain notes beside a table are not activities',
      '## Activities\n\n| Activity | Status |\n|---|---|\n| A | Done |\n\n- [ ] B\n- a note\n',
      [
        { title: 'A', status: 'done' },
        { title: 'B', status: 'not_started' },
      ],
      [],
    ],
    [
      'no Activity header but Owner and Status: the other column is the activity',
      '## Activities\n\n| What we do | Owner | Status |\n|---|---|---|\n| A | Ana | done |\n',
      [{ title: 'A', owner: 'Ana', status: 'done' }],
      [],
    ],
    [
      'a table with no column we know is skipped with a warning',
      '## Activities\n\n| Foo | Bar |\n|---|---|\n| 1 | 2 |\n',
      [],
      ['A table under Activities has no Activity column (its header is "Foo | Bar"); it was skipped.', 'No activities found under the Activities heading.'],
    ],
    [
      'a sub-heading inside the section still belongs to it; the next section ends it',
      '## Activities\n\n### Week 1\n\n- [x] A\n\n## Timeline\n\n- [ ] not an activity\n',
      [{ title: 'A', status: 'done' }],
      [],
    ],
    [
      'a table split in two by a blank line between rows',
      '## Activities\n\n| Activity | Owner | Due | Status |\n|---|---|---|---|\n| A | Ana | | Done |\n\n| B | Bo | 2026-12-20 | Doing |\n| | | | |\n| C | | | ??? |\n',
      [
        { title: 'A', owner: 'Ana', status: 'done' },
        { title: 'B', owner: 'Bo', due: '2026-12-20', status: 'in_progress' },
        { title: 'C', status: 'not_started' },
      ],
      ['Activities row 4 ("C"): unknown status "???", read as Not started (use Not started, In progress, Done or Dropped).'],
    ],
    ['a deeper heading naming another plan section ends it', '# Activities\n\n- [x] A\n\n## Support assets\n\n- [ ] Budget\n', [{ title: 'A', status: 'done' }], []],
  ];
  it.each(cases)('%s', (_name, markdown, activities, warnings) => {
    const parsed = parse(`${markdown}\n${PROGRESS}`);
    expect(parsed.activities).toStrictEqual(activities);
    expect(parsed.warnings).toStrictEqual(warnings);
  });
});

describe('parsePlanDocument: progress entries', () => {
  const cases: Array<[string, string, ProgressEntry[], string[]]> = [
    [
      'the template table, entries out of order, sorted stably',
      '| Date | Update | By |\n| --- | --- | --- |\n| 2026-12-10 | Third | Bo |\n| 3 Dec 2026 | First | Ana |\n| 10/12/2026 | Fourth |  |\n| Dec 5 | Second | Ana |\n',
      [
        { date: '2026-12-03', text: 'First', by: 'Ana' },
        { date: '2026-12-05', text: 'Second', by: 'Ana' },
        { date: '2026-12-10', text: 'Third', by: 'Bo' },
        { date: '2026-12-10', text: 'Fourth' },
      ],
      [],
    ],
    [
      'renamed, reordered and extra columns',
      '| Author | Mood | Notes | When |\n|---|---|---|---|\n| Ana | 🙂 | Kick-off | @December 3, 2026 |\n',
      [{ date: '2026-12-03', text: 'Kick-off', by: 'Ana' }],
      [],
    ],
    [
      'garbage and empty rows: warned or skipped, the rest kept',
      '| Date | Update | By |\n|---|---|---|\n| | | |\n| soon | Did a thing | Ana |\n| | Undated thing | |\n| 2026-12-04 | | Ana |\n| 2026-12-05 | Kept | |\n',
      [{ date: '2026-12-05', text: 'Kept' }],
      [
        'Progress log row 2: cannot read the date "soon"; it was left out (write e.g. 2026-12-03 or 3 Dec 2026).',
        'Progress log row 3 has no date ("Undated thing"); it was left out.',
        'Progress log row 4 (2026-12-04) has no update text; it was left out.',
      ],
    ],
    ['the update typed into the date cell', '| Date | Update |\n|---|---|\n| 2026-12-03: first talk | |\n', [{ date: '2026-12-03', text: 'first talk' }], []],
    [
      'a table without a header row',
      '| 2026-12-03 | First | Ana |\n| 2026-12-04 | Second | |\n',
      [
        { date: '2026-12-03', text: 'First', by: 'Ana' },
        { date: '2026-12-04', text: 'Second' },
      ],
      [],
    ],
    [
      'a table split in two by a blank line between rows, and a table we cannot read',
      '| When | Who | What |\n|---|---|---|\n| 2026-12-03 | Ana | First |\n\n| Dec 4 | Bo | Second |\n\n| Mood | Score |\n|---|---|\n| ok | 3 |\n',
      [
        { date: '2026-12-03', text: 'First', by: 'Ana' },
        { date: '2026-12-04', text: 'Second', by: 'Bo' },
      ],
      ['A table under Progress log has no Date column (its header is "Mood | Score"); it was skipped.'],
    ],
    [
      'list items and paragraphs that start with a date; prose is ignored',
      'Newest at the bottom.\n\n- 2026-12-03: did x\n- 3 Dec 2026 - did y\n\nDec 4: did z\n\n* 5/12: did w\n',
      [
        { date: '2026-12-03', text: 'did x' },
        { date: '2026-12-03', text: 'did y' },
        { date: '2026-12-04', text: 'did z' },
        { date: '2026-12-05', text: 'did w' },
      ],
      [],
    ],
    [
      'undated items and broken dates warned',
      '- talked about goals\n- 2026-12-03:\n\n32/12: x\n\nGeneral thoughts are fine.\n',
      [],
      [
        'Progress log: cannot read a date at the start of "talked about goals"; it was left out (write e.g. "2026-12-03: ...").',
        'Progress log: the entry dated 2026-12-03 ("2026-12-03:") has no update text; it was left out.',
        'Progress log: cannot read a date at the start of "32/12: x"; it was left out (write e.g. "2026-12-03: ...").',
      ],
    ],
    [
      'dated sub-headings with the update under them',
      '### 3 Dec 2026\n\nWe met.\n\n- agreed on x\n\n### 10 Dec 2026 - second\n\n### 2026-12-17\n',
      [
        { date: '2026-12-03', text: 'We met. agreed on x' },
        { date: '2026-12-10', text: 'second' },
      ],
      ['Progress log: the heading dated 2026-12-17 has no update under it; it was left out.'],
    ],
  ];
  it.each(cases)('%s', (_name, body, entries, warnings) => {
    const parsed = parse(`${ACTIVITIES}\n## Progress log\n\n${body}`);
    expect(parsed.progressEntries).toStrictEqual(entries);
    expect(parsed.warnings).toStrictEqual(warnings);
  });

  it('reads numeric dates in the configured order, falling back when impossible', () => {
    const body = '## Progress log\n\n- 03/12/2026: a\n- 25/12/2026: b\n';
    expect(parse(ACTIVITIES + body).progressEntries.map((e) => e.date)).toStrictEqual(['2026-12-03', '2026-12-25']);
    const mdy = parse(ACTIVITIES + body, { dateOrder: 'MDY', planStartDate: '2026-12-01' });
    expect(mdy.progressEntries.map((e) => e.date)).toStrictEqual(['2026-03-12', '2026-12-25']);
  });

  it('gives year-less dates the year closest to the plan start', () => {
    const body = '## Progress log\n\n- Dec 30: a\n- Jan 4: b\n';
    const parsed = parse(ACTIVITIES + body, { dateOrder: 'DMY', planStartDate: '2026-12-15' });
    expect(parsed.progressEntries.map((e) => e.date)).toStrictEqual(['2026-12-30', '2027-01-04']);
  });
});

describe('parsePlanDocument: sections', () => {
  it('finds sections in any order, at any level, and does not mistake "Update cadence" for progress', () => {
    const markdown = '# Updates\n\n- 2026-12-03: first\n\n#### Update cadence\n\n- 2026-12-09: not an entry\n\n###### Tasks\n\n- [x] A\n';
    expect(parse(markdown)).toStrictEqual({
      activities: [{ title: 'A', status: 'done' }],
      progressEntries: [{ date: '2026-12-03', text: 'first' }],
      warnings: [],
      parts: {},
    });
  });

  it('warns for each missing section and still reads the other', () => {
    expect(parse(PROGRESS).warnings).toStrictEqual(['No Activities section found: add a heading "Activities" above the activities table.']);
    expect(parse(ACTIVITIES)).toStrictEqual({
      activities: [{ title: 'Read the book', owner: 'Ana', due: '2026-12-10', status: 'done' }],
      progressEntries: [],
      warnings: ['No Progress log section found: add a heading "Progress log" above the progress table.'],
      parts: {},
    });
    expect(parse('').warnings).toHaveLength(2);
  });

  it('reads a model made by another provider (no Markdown involved)', () => {
    const doc: DocumentModel = {
      title: 'Plan',
      blocks: [
        { type: 'heading', level: 1, text: 'Development activities' },
        { type: 'list_item', text: 'Read', checked: true, depth: 0 },
        { type: 'heading', level: 1, text: 'Check-ins' },
        {
          type: 'table',
          rows: [
            ['Date', 'Update'],
            ['@December 3, 2026', 'Met'],
          ],
        },
      ],
    };
    expect(parsePlanDocument(doc, DMY)).toStrictEqual({
      activities: [{ title: 'Read', status: 'done' }],
      progressEntries: [{ date: '2026-12-03', text: 'Met' }],
      warnings: [],
      parts: {},
    });
  });

  it('exports the date reader for providers', () => {
    expect(parseHumanDate('3 Dec 2026', DMY)).toBe('2026-12-03');
  });
});

describe('the default template, filled', () => {
  const template = readFileSync(new URL('../../../templates/coaching-plan.md', import.meta.url), 'utf8');
  const fill = (rows: string, log = ''): string =>
    template
      .replace('{{activityRows}}', rows)
      .replace(/\{\{[^}]+\}\}/g, 'Ana Silva')
      .concat(log);

  it('reads the activities table and an empty progress log without warnings', () => {
    const parsed = parse(fill('| Shadow two customer calls | Ana | 2026-12-10 | Not started |\n| Writing course | Ana | 2026-12-20 | Not started |'));
    expect(parsed).toStrictEqual({
      activities: [
        { title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10', status: 'not_started' },
        { title: 'Writing course', owner: 'Ana', due: '2026-12-20', status: 'not_started' },
      ],
      progressEntries: [],
      warnings: [],
      // The text parts as the document says them; the template's lead-in to the goal is not the goal.
      parts: { developmentArea: 'Ana Silva', currentState: 'Ana Silva', goalState: 'Ana Silva', supportAssets: 'Ana Silva' },
    });
  });

  it('reads the development area and goal state as people rewrote them, lists and paragraphs kept', () => {
    const edited = fill('| Shadow calls | Ana | 10 Dec | Done |')
      .replace('## Development area\n\nAna Silva', '## Development area\n\nWriting for stakeholders')
      .replace('The SMART goal we aim for together:\n\nAna Silva', 'The SMART goal we aim for together:\n\nBy 15 Jan, a weekly update.\n\n- rated useful by 3 of 4 readers');
    expect(parse(edited).parts).toMatchObject({ developmentArea: 'Writing for stakeholders', goalState: 'By 15 Jan, a weekly update.\n\n- rated useful by 3 of 4 readers' });
    // A section emptied by hand says nothing: the form's words stand (plan-view.ts).
    expect(parse(edited.replace('## Development area\n\nWriting for stakeholders', '## Development area\n')).parts?.developmentArea).toBeUndefined();
  });

  it('reads rows people add to the progress log and status changes', () => {
    const parsed = parse(fill('| Shadow calls | Ana | 10 Dec | Done ✅ |', '| 2026-12-08 | First check-in | Ana |\n| 3 Dec 2026 | Kick-off | Bo |\n'));
    expect(parsed.activities).toStrictEqual([{ title: 'Shadow calls', owner: 'Ana', due: '2026-12-10', status: 'done' }]);
    expect(parsed.progressEntries).toStrictEqual([
      { date: '2026-12-03', text: 'Kick-off', by: 'Bo' },
      { date: '2026-12-08', text: 'First check-in', by: 'Ana' },
    ]);
    expect(parsed.warnings).toStrictEqual([]);
  });
});
