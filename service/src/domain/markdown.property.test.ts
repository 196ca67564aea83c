import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVERSARIAL_MARKDOWN, MAX_DOCUMENT_CHARS, normalPlanMarkdown } from '../../../test/support/adversarial-markdown.js';
import type { DocumentBlock, DocumentModel } from './document-model.js';
import { documentToMarkdown, markdownToDocument, readMarkdown } from './markdown.js';

/**
 * The reader's guarantees over generated input. Speed is never timed here: the reader counts its own
 * steps (every character it examines), a number that does not depend on the machine or its load. A
 * linear reader stays under a fixed number of steps per character whatever the text; the quadratic
 * one this replaced needed about n/2 steps per character on a line of `[` (30,000 at 60 KB).
 */
const STEPS_PER_CHAR = 16;
const withinLinearBound = (markdown: string): boolean => readMarkdown(markdown).steps <= STEPS_PER_CHAR * markdown.length + 64;

/** Characters that mean something to a Markdown reader, and a little text between them. */
const MARKUP = ['[', ']', '(', ')', '![', '*', '_', '~', '`', '\\', '<', '>', '#', '|', '-', '+', '1.', ':', '@', '"', 'http:', '[x]', '---'];
const token = fc.constantFrom(...MARKUP, ' ', '  ', '\t', '\n', '\r\n', 'a', 'word', '2026-12-03');
const markdownText = (maxLength: number) => fc.array(token, { maxLength }).map((tokens) => tokens.join(''));

describe('the Markdown reader on any input', () => {
  it('never throws, on markup soup or on any Unicode', () => {
    fc.assert(
      fc.property(fc.oneof(markdownText(300), fc.string({ unit: 'binary', maxLength: 300 })), (markdown) => {
        markdownToDocument(markdown);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on generated repetitive input: bounded steps per character, and 2n costs about twice n', () => {
    const unit = fc.array(token, { minLength: 1, maxLength: 6 }).map((tokens) => tokens.join(''));
    fc.assert(
      fc.property(unit, (piece) => {
        const at = (n: number): string => piece.repeat(Math.ceil(n / piece.length)).slice(0, n);
        const [small, large] = [at(3000), at(6000)];
        expect(withinLinearBound(large)).toBe(true);
        // A quadratic path makes doubling the text quadruple the steps; linear ones stay near 2x.
        expect(readMarkdown(large).steps).toBeLessThanOrEqual(2.5 * readMarkdown(small).steps);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on generated nesting: k openers, something, k closers', () => {
    const piece = fc.array(token, { minLength: 1, maxLength: 3 }).map((tokens) => tokens.join(''));
    fc.assert(
      fc.property(piece, piece, piece, (open, middle, close) => {
        const k = Math.floor(4000 / (open.length + close.length));
        expect(withinLinearBound(`${open.repeat(k)}${middle}${close.repeat(k)}`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(Object.keys(ADVERSARIAL_MARKDOWN))('reads a 60,000-character document of "%s" in linear steps', (kind) => {
    const markdown = ADVERSARIAL_MARKDOWN[kind]!(MAX_DOCUMENT_CHARS);
    expect(markdown).toHaveLength(MAX_DOCUMENT_CHARS);
    expect(withinLinearBound(markdown)).toBe(true);
  });

  it('reads 60,000 characters of `[` as one paragraph of brackets (it once took 11.7 s)', () => {
    const markdown = '['.repeat(MAX_DOCUMENT_CHARS);
    const { document, steps } = readMarkdown(markdown);
    expect(document.blocks).toStrictEqual([{ type: 'paragraph', text: markdown }]);
    expect(steps).toBeLessThanOrEqual(STEPS_PER_CHAR * MAX_DOCUMENT_CHARS);
  });

  it('keeps every table row and cell of a realistic 60,000-character plan', () => {
    const document = markdownToDocument(normalPlanMarkdown(MAX_DOCUMENT_CHARS));
    const log = document.blocks.at(-1);
    expect(log?.type === 'table' && log.rows.length).toBeGreaterThan(500);
    expect(log?.type === 'table' && log.rows.every((row) => row.length === 3)).toBe(true);
  });
});

/** Text as the model holds it: one line, trimmed, made of words and markup characters. */
const modelText = markdownText(12).map((text) => text.replace(/\s+/g, ' ').trim());

/** A model in canonical form (see markdown-write.ts): what the writer promises to round-trip. */
const canonicalModel: fc.Arbitrary<DocumentModel> = fc
  .array(
    fc.oneof(
      fc.record({ type: fc.constant('heading' as const), level: fc.integer({ min: 1, max: 6 }), text: modelText }),
      fc.record({ type: fc.constant('paragraph' as const), text: modelText.filter((text) => text !== '') }),
      fc.record({ type: fc.constant('list_item' as const), text: modelText, ordered: fc.boolean(), checked: fc.option(fc.boolean(), { nil: undefined }), depth: fc.nat(3) }),
      fc
        .integer({ min: 1, max: 4 })
        .chain((width) =>
          fc.record({ type: fc.constant('table' as const), rows: fc.array(fc.array(modelText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 4 }) }),
        ),
    ),
    { maxLength: 8 },
  )
  .map((blocks) => ({ blocks: blocks.reduce<DocumentBlock[]>(canonicalBlock, []) }));

function canonicalBlock(blocks: DocumentBlock[], block: DocumentBlock): DocumentBlock[] {
  if (block.type !== 'list_item') return [...blocks, { ...block }];
  const previous = blocks.at(-1);
  const deepest = previous?.type === 'list_item' ? (previous.depth ?? 0) + 1 : 0;
  const item: DocumentBlock = { type: 'list_item', text: block.text };
  if (block.ordered) item.ordered = true;
  if (block.checked !== undefined) item.checked = block.checked;
  const depth = Math.min(block.depth ?? 0, deepest);
  if (depth > 0) item.depth = depth;
  return [...blocks, item];
}

describe('the Markdown writer', () => {
  it('round-trips every canonical model: reading what it writes gives the model back', () => {
    fc.assert(
      fc.property(canonicalModel, (doc) => {
        expect(markdownToDocument(documentToMarkdown(doc))).toStrictEqual(doc);
      }),
      { numRuns: 3000 },
    );
  });
});
