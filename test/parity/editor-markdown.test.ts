/** The editor's two weekly edits work on the plan template's own Markdown and keep tables aligned. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignTableAt, appendProgressEntry, setActivityStatus, splitRow } from '../../dashboard/src/editor/markdown-tables.js';
import { markdownToDocument } from '../../service/src/domain/markdown.js';
import { parsePlanDocument } from '../../service/src/domain/parse-plan.js';

const template = readFileSync(new URL('../../templates/coaching-plan.md', import.meta.url), 'utf8')
  .replace('{{activityRows}}', '| Shadow two customer calls | Ana | 2026-12-10 | Not started |\n| Writing course | Ana | 2026-12-20 | In progress |')
  .replace(/\{\{[^}]+\}\}/g, 'x');
const parse = (markdown: string) => parsePlanDocument(markdownToDocument(markdown), { dateOrder: 'DMY', planStartDate: '2026-12-01' });

describe('editor Markdown edits', () => {
  it('appends a progress entry the service then reads, with pipes and line breaks kept inside the cell', () => {
    const once = appendProgressEntry(template, { date: '2026-12-03', update: 'Sent the first | weekly\nupdate', by: 'Ana Lima' });
    const twice = appendProgressEntry(once, { date: '2026-12-10', update: 'Second', by: 'Ben' });
    const entries = parse(twice).progressEntries;
    expect(entries.map((e) => [e.date, e.by])).toEqual([
      ['2026-12-03', 'Ana Lima'],
      ['2026-12-10', 'Ben'],
    ]);
    expect(entries[0]?.text).toContain('Sent the first');
    expect(twice.split('\n').filter((l) => l.startsWith('| 2026-12-03'))[0]).toContain('\\|');
    // Nothing else in the document moved.
    expect(twice.slice(0, twice.indexOf('| Date'))).toBe(template.slice(0, template.indexOf('| Date')));
  });

  it('keeps the progress table aligned: every row as wide as the header', () => {
    const text = appendProgressEntry(template, { date: '2026-12-03', update: 'A longer update than the header', by: 'Ana' });
    const table = text
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .slice(-3);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });

  it('sets an activity status the service reads as done', () => {
    expect(parse(template).activities.map((a) => [a.title, a.status])).toEqual([
      ['Shadow two customer calls', 'not_started'],
      ['Writing course', 'in_progress'],
    ]);
    const done = setActivityStatus(template, 0, 'Done');
    expect(parse(done).activities.map((a) => a.status)).toEqual(['done', 'in_progress']);
    expect(setActivityStatus(template, 5, 'Done')).toBe(template);
  });

  it('adds a Progress log when the document lost it', () => {
    const cut = template.slice(0, template.indexOf('## Progress log'));
    const text = appendProgressEntry(cut, { date: '2026-12-03', update: 'First', by: 'Ana' });
    expect(parse(text).progressEntries).toHaveLength(1);
  });

  it('aligns the table around a line, and says when the line is not in a table', () => {
    const markdown = 'text\n\n| a | bb |\n|:-|--:|\n| long cell | x |\n\nafter';
    expect(alignTableAt(markdown, 4)).toEqual({ from: 2, to: 5, text: '| a         | bb  |\n| :-------- | --: |\n| long cell | x   |' });
    expect(alignTableAt(markdown, 0)).toBeNull();
    expect(splitRow('| a \\| b | c |')).toEqual(['a \\| b', 'c']);
  });
});

describe('the editor splits table rows as the service does', () => {
  it('keeps empty cells in their places, with or without outer pipes, and `\\|` inside a cell', async () => {
    const { splitCells } = await import('../../service/src/domain/markdown-read.js');
    const lines = ['| a |  | c |', '| a | | |', 'a | b | c', '|a|b\\|c|', '| x \\|', '  | Done |   ', '||', '| a | b | \\\\| c |'];
    for (const line of lines) expect(splitRow(line), line).toEqual(splitCells(line));
  });
});
