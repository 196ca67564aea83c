/**
 * Markdown crafted to make a naive reader do quadratic work: each kind repeats the pattern that once
 * made some part of a reader scan to the end of the text for every character (issue 10: a 60 KB
 * document of `[` took 11.7 s and stalled the service). Shared by the reader's tests, the save tests
 * and `npm run bench`.
 */

/** The largest document the service accepts (PUT /api/plans/{id}/document). */
export const MAX_DOCUMENT_CHARS = 60_000;

const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const growing = (piece: (k: number) => string, n: number): string => {
  let text = '';
  for (let k = 1; text.length < n; k++) text += piece(k);
  return text.slice(0, n);
};

/** Each kind, as a function of the length wanted. */
export const ADVERSARIAL_MARKDOWN: Record<string, (n: number) => string> = {
  'open brackets [': (n) => fill('[', n),
  'image brackets ![': (n) => fill('![', n),
  'unclosed links [a](': (n) => fill('[a](', n),
  'nested links [[[x](y)](y)': (n) => `${fill('[', n / 2 - 1)}x${fill('](y)', n / 2)}`.slice(0, n),
  'link targets ((((': (n) => `[a](${fill('(', n - 4)}`,
  'link titles "': (n) => fill('[a](b "', n),
  'stars *a': (n) => fill('*a ', n),
  'underscores _a': (n) => fill('_a ', n),
  'mixed emphasis': (n) => fill('*a **b _c __d ***e ~~f ', n),
  'one star run': (n) => fill('*', n),
  'backtick runs of growing length': (n) => growing((k) => `${'`'.repeat(k)}a`, n),
  backslashes: (n) => fill('\\', n),
  'angle brackets <a': (n) => fill('<a', n),
  'autolinks <http:': (n) => fill('<http:', n),
  'spaces inside a heading': (n) => `# a${' '.repeat(Math.max(0, n - 5))} b`,
  'spaces before heading hashes': (n) => fill(`#${' '.repeat(200)}x #\n`, n),
  'headings of hashes': (n) => `# ${fill('# ', n - 3)}x`,
  'spaces before list markers': (n) => fill(`${' '.repeat(300)}- [x]${' '.repeat(300)}y\n`, n),
  'nested lists': (n) => growing((k) => `${' '.repeat(2 * k)}- x\n`, n),
  'list markers': (n) => fill('- ', n),
  'long table': (n) => `| Date | Update | By |\n| --- | --- | --- |\n${fill('| 2026-12-03 | did x | Ana |\n', n)}`.slice(0, n),
  'wide table': (n) => `${fill('|a', n / 3)}\n${fill('|-', n / 3)}\n${fill('|b', n / 3)}`.slice(0, n),
  'wide header over short rows': (n) => `${fill('|a', n / 2)}\n${fill('|\n', n / 2)}`.slice(0, n),
  pipes: (n) => fill('|', n),
  'pipe lines': (n) => fill('a|\n', n),
  'thematic break look-alikes': (n) => fill('- - - - x\n', n),
};

/** A realistic plan: the template's sections and a long progress log with inline markup. */
export function normalPlanMarkdown(n: number): string {
  const head = [
    '# Coaching plan: Ana Silva, Dec 2026',
    '',
    '## Development area',
    '',
    'Stakeholder **communication** and _written_ updates.',
    '',
    '## Activities',
    '',
    '| Activity | Owner | Due | Status |',
    '| --- | --- | --- | --- |',
    '| Shadow two customer calls | Ana | 2026-12-10 | Done |',
    '| Write a weekly update | Ana | 2026-12-31 | In progress |',
    '',
    '- [x] Read the [writing guide](https://example.test/guide)',
    '- [ ] Present at the `team` review',
    '',
    '## Progress log',
    '',
    '| Date | Update | By |',
    '| --- | --- | --- |',
  ].join('\n');
  const rows: string[] = [];
  let size = head.length;
  for (let i = 0; size < n; i++) {
    const row = `\n| 2026-12-${String(1 + (i % 28)).padStart(2, '0')} | Did **item ${i}** with [a link](https://example.test/${i}) and _notes_ | Ana |`;
    rows.push(row);
    size += row.length;
  }
  return `${head}${rows.join('')}`.slice(0, n);
}

/**
 * The costliest document to send (issue 22.9): JSON must escape a control character as \u00XX, 6
 * bytes, so `start` filled up to `chars` characters with them needs about 6 bytes a character.
 */
export function worstEscapedDocument(start: string, chars: number): string {
  return `${start}${'\u0001'.repeat(chars)}`.slice(0, chars);
}
