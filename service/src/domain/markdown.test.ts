import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentBlock, DocumentModel } from './document-model.js';
import { documentToMarkdown, inlineToText, markdownToDocument } from './markdown.js';

const blocks = (markdown: string): DocumentBlock[] => markdownToDocument(markdown).blocks;

describe('markdownToDocument', () => {
  const cases: Array<[string, string, DocumentBlock[]]> = [
    ['empty input', '', []],
    ['blank lines only', '\n  \n\t\n', []],
    ['title heading is a level-1 heading', '# My plan\n', [{ type: 'heading', level: 1, text: 'My plan' }]],
    [
      'every heading level, closing hashes dropped',
      '# a\n## b ##\n### c\n#### d\n##### e\n###### f',
      [1, 2, 3, 4, 5, 6].map((level, i) => ({ type: 'heading', level, text: 'abcdef'[i]! })),
    ],
    ['seven hashes is text', '####### x', [{ type: 'paragraph', text: '####### x' }]],
    ['hash without space is text', '#1 priority', [{ type: 'paragraph', text: '#1 priority' }]],
    [
      'paragraph lines join with a space, blank line separates',
      'one\ntwo  \n\nthree',
      [
        { type: 'paragraph', text: 'one two' },
        { type: 'paragraph', text: 'three' },
      ],
    ],
    [
      'CRLF and trailing whitespace',
      '## Activities \r\n\r\nDo things.\t\r\n- a  \r\n',
      [
        { type: 'heading', level: 2, text: 'Activities' },
        { type: 'paragraph', text: 'Do things.' },
        { type: 'list_item', text: 'a' },
      ],
    ],
    ['a byte-order mark before the first heading', '\uFEFF# Plan\n', [{ type: 'heading', level: 1, text: 'Plan' }]],
    ['bullets with every marker', '- a\n* b\n+ c', ['a', 'b', 'c'].map((text) => ({ type: 'list_item', text }))],
    ['numbered items with . and )', '1. a\n2) b\n10. c', ['a', 'b', 'c'].map((text) => ({ type: 'list_item', text, ordered: true }))],
    [
      'checklist items',
      '- [ ] open\n- [x] done\n- [X] also done\n* [ ] star\n1. [x] numbered',
      [
        { type: 'list_item', text: 'open', checked: false },
        { type: 'list_item', text: 'done', checked: true },
        { type: 'list_item', text: 'also done', checked: true },
        { type: 'list_item', text: 'star', checked: false },
        { type: 'list_item', text: 'numbered', checked: true, ordered: true },
      ],
    ],
    ['brackets that are not a checkbox', '- [link-ish] x', [{ type: 'list_item', text: '[link-ish] x' }]],
    [
      'indentation gives depth (2 spaces, 4 spaces, tabs)',
      '- a\n  - b\n      - c\n  - d\n- e\n\t- f',
      [
        { type: 'list_item', text: 'a' },
        { type: 'list_item', text: 'b', depth: 1 },
        { type: 'list_item', text: 'c', depth: 2 },
        { type: 'list_item', text: 'd', depth: 1 },
        { type: 'list_item', text: 'e' },
        { type: 'list_item', text: 'f', depth: 1 },
      ],
    ],
    [
      'a line right after an item continues it',
      '- first part\n  second part\n- next',
      [
        { type: 'list_item', text: 'first part second part' },
        { type: 'list_item', text: 'next' },
      ],
    ],
    [
      'list interrupts a paragraph, paragraph after a blank line',
      'Intro:\n- a\n\nAfter.',
      [
        { type: 'paragraph', text: 'Intro:' },
        { type: 'list_item', text: 'a' },
        { type: 'paragraph', text: 'After.' },
      ],
    ],
    [
      'pipe table with separator dropped and cells trimmed',
      '| Activity | Owner |\n| --- | :---: |\n|  Read  | Ana |',
      [
        {
          type: 'table',
          rows: [
            ['Activity', 'Owner'],
            ['Read', 'Ana'],
          ],
        },
      ],
    ],
    [
      'table without outer pipes',
      'Date | Update\n---|---\n2026-12-03 | did x',
      [
        {
          type: 'table',
          rows: [
            ['Date', 'Update'],
            ['2026-12-03', 'did x'],
          ],
        },
      ],
    ],
    [
      'escaped pipe stays in the cell',
      '| a | b |\n|---|---|\n| x \\| y | z |',
      [
        {
          type: 'table',
          rows: [
            ['a', 'b'],
            ['x | y', 'z'],
          ],
        },
      ],
    ],
    [
      'short rows padded, empty cells kept',
      '| a | b | c |\n|---|---|---|\n| 1 |\n| | 2 | |',
      [
        {
          type: 'table',
          rows: [
            ['a', 'b', 'c'],
            ['1', '', ''],
            ['', '2', ''],
          ],
        },
      ],
    ],
    ['header-only table', '| Date | Update | By |\n| --- | --- | --- |', [{ type: 'table', rows: [['Date', 'Update', 'By']] }]],
    [
      'table ends at a blank line or heading',
      '| a |\n|---|\n| 1 |\n## Next\n| b |\n\n| c |',
      [
        { type: 'table', rows: [['a'], ['1']] },
        { type: 'heading', level: 2, text: 'Next' },
        { type: 'table', rows: [['b']] },
        { type: 'table', rows: [['c']] },
      ],
    ],
    [
      'a list item with a pipe above one that looks like a separator row',
      '- a | b\n- |',
      [
        { type: 'list_item', text: 'a | b' },
        { type: 'list_item', text: '|' },
      ],
    ],
    ['a pipe in prose is not a table', 'either this | or that', [{ type: 'paragraph', text: 'either this | or that' }]],
    [
      'inline markup reduced to text everywhere',
      '## **Bold** heading\n\nSee [the doc](https://x.test/a_(b)) and `a|b` _now_ or *soon* ~~never~~.\n\n- __strong__ ![img](i.png)\n\n| **A** |\n|---|\n| [x](y) |',
      [
        { type: 'heading', level: 2, text: 'Bold heading' },
        { type: 'paragraph', text: 'See the doc and a|b now or soon never.' },
        { type: 'list_item', text: 'strong img' },
        { type: 'table', rows: [['A'], ['x']] },
      ],
    ],
    [
      'thematic breaks dropped',
      'a\n\n---\n\n* * *\nb',
      [
        { type: 'paragraph', text: 'a' },
        { type: 'paragraph', text: 'b' },
      ],
    ],
  ];

  it.each(cases)('%s', (_name, markdown, expected) => {
    expect(blocks(markdown)).toStrictEqual(expected);
  });

  it('sets no title: a first "# " is an ordinary heading', () => {
    expect(markdownToDocument('# Plan\n\ntext')).toStrictEqual({
      blocks: [
        { type: 'heading', level: 1, text: 'Plan' },
        { type: 'paragraph', text: 'text' },
      ],
    });
  });
});

describe('inlineToText', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['**bold** and __bold__', 'bold and bold'],
    ['*em* and _em_', 'em and em'],
    ['***both***', 'both'],
    ['**nested *em* inside**', 'nested em inside'],
    ['`code *not em*`', 'code *not em*'],
    ['`` a ` b ``', 'a ` b'],
    ['[text](https://x.test "Title")', 'text'],
    ['[not a link] and [x]', '[not a link] and [x]'],
    ['<https://x.test/a>', 'https://x.test/a'],
    ['<ana@acme.test>', 'ana@acme.test'],
    ['snake_case_name and 2 * 3 * 4', 'snake_case_name and 2 * 3 * 4'],
    ['\\*literal\\* \\_x\\_ C:\\path', '*literal* _x_ C:\\path'],
    ['unclosed **bold and `tick', 'unclosed **bold and `tick'],
    ['a ~single~ tilde', 'a ~single~ tilde'],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(inlineToText(source)).toBe(expected);
  });
});

describe('documentToMarkdown', () => {
  it('writes a table with its separator row after the header and escapes pipes', () => {
    const markdown = documentToMarkdown({
      blocks: [
        {
          type: 'table',
          rows: [
            ['a', 'b'],
            ['x | y', ''],
          ],
        },
      ],
    });
    expect(markdown).toBe('| a | b |\n| --- | --- |\n| x \\| y |  |\n');
  });

  it('writes lists tight and numbers ordered items', () => {
    const markdown = documentToMarkdown({
      blocks: [
        { type: 'paragraph', text: 'Steps:' },
        { type: 'list_item', text: 'one', ordered: true },
        { type: 'list_item', text: 'sub', depth: 1, checked: true },
        { type: 'list_item', text: 'two', ordered: true },
      ],
    });
    expect(markdown).toBe('Steps:\n\n1. one\n    - [x] sub\n2. two\n');
  });

  it('writes a title as a level-1 heading unless the blocks already start with it', () => {
    expect(documentToMarkdown({ title: 'T', blocks: [{ type: 'paragraph', text: 'x' }] })).toBe('# T\n\nx\n');
    expect(documentToMarkdown({ title: 'T', blocks: [{ type: 'heading', level: 1, text: 'T' }] })).toBe('# T\n');
  });

  const roundTrips: Array<[string, DocumentModel]> = [
    ['empty', { blocks: [] }],
    [
      'every block kind',
      {
        blocks: [
          { type: 'heading', level: 1, text: 'Plan for Ana' },
          { type: 'paragraph', text: 'Intro with a | pipe and snake_case.' },
          { type: 'heading', level: 3, text: 'Activities' },
          { type: 'list_item', text: 'plain' },
          { type: 'list_item', text: 'nested', depth: 1 },
          { type: 'list_item', text: 'deeper', depth: 2, ordered: true },
          { type: 'list_item', text: 'back', depth: 1, checked: false },
          { type: 'list_item', text: 'done', checked: true },
          { type: 'list_item', text: 'first', ordered: true },
          { type: 'list_item', text: 'second', ordered: true },
          {
            type: 'table',
            rows: [
              ['Date', 'Update', 'By'],
              ['2026-12-03', 'a | b', ''],
              ['', '', 'Ana'],
            ],
          },
          { type: 'table', rows: [['only header']] },
          { type: 'heading', level: 6, text: '' },
          { type: 'paragraph', text: 'last' },
        ],
      },
    ],
    [
      'text that looks like markup',
      {
        blocks: [
          { type: 'heading', level: 2, text: 'C# ## and #' },
          { type: 'paragraph', text: '# not a heading' },
          { type: 'paragraph', text: '- not a list' },
          { type: 'paragraph', text: '1. not numbered' },
          { type: 'paragraph', text: '| not a table |' },
          { type: 'paragraph', text: '---' },
          { type: 'paragraph', text: '**not bold** _not em_ `not code` [not](link) \\ back\\slash \\* <x@y.z>' },
          { type: 'list_item', text: '[ ] not a checkbox' },
          { type: 'list_item', text: '[x] boxed text', checked: true },
          { type: 'list_item', text: '- - -' },
          { type: 'list_item', text: '' },
          {
            type: 'table',
            rows: [
              ['**a**', 'x \\| y', '`c`'],
              ['a\\', '\\|', '[q](r)'],
            ],
          },
        ],
      },
    ],
  ];

  it.each(roundTrips)('round trip: %s', (_name, doc) => {
    expect(markdownToDocument(documentToMarkdown(doc))).toStrictEqual(doc);
  });
});

describe('the default template', () => {
  const template = readFileSync(new URL('../../../templates/coaching-plan.md', import.meta.url), 'utf8');
  const filled = template
    .replace(/\{\{title\}\}/g, 'Coaching plan: Ana Silva, Dec 2026')
    .replace(/\{\{teamMember\.name\}\}/g, 'Ana Silva')
    .replace(/\{\{developmentArea\}\}/g, 'Stakeholder **communication**')
    .replace(/\{\{activityRows\}\}/g, '| Shadow two customer calls | Ana | 2026-12-10 | Not started |\n| Write a weekly update | Ana | 2026-12-31 | In progress |')
    .replace(/\{\{[^}]+\}\}/g, 'x');

  it('reads into headings, the parties and activities tables, and an empty progress log', () => {
    const doc = markdownToDocument(filled);
    const headings = doc.blocks.flatMap((b) => (b.type === 'heading' ? [`${b.level}:${b.text}`] : []));
    expect(headings).toStrictEqual([
      '1:Coaching plan: Ana Silva, Dec 2026',
      '2:Development area',
      '2:Current state',
      '2:Goal state',
      '2:Activities',
      '2:Timeline',
      '2:Support assets',
      '2:Update cadence',
      '2:Progress log',
    ]);
    const tables = doc.blocks.flatMap((b) => (b.type === 'table' ? [b.rows] : []));
    expect(tables).toHaveLength(3);
    expect(tables[0]?.[1]).toStrictEqual(['Team member', 'Ana Silva', 'x']);
    expect(tables[1]).toStrictEqual([
      ['Activity', 'Owner', 'Due', 'Status'],
      ['Shadow two customer calls', 'Ana', '2026-12-10', 'Not started'],
      ['Write a weekly update', 'Ana', '2026-12-31', 'In progress'],
    ]);
    expect(tables[2]).toStrictEqual([['Date', 'Update', 'By']]);
    expect(doc.blocks).toContainEqual({ type: 'paragraph', text: 'Stakeholder communication' });
    expect(doc.blocks.at(-1)).toStrictEqual({ type: 'table', rows: [['Date', 'Update', 'By']] });
  });

  it('round-trips through documentToMarkdown', () => {
    const doc = markdownToDocument(filled);
    expect(markdownToDocument(documentToMarkdown(doc))).toStrictEqual(doc);
  });
});
