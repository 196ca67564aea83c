import { isFullBlock, type BlockObjectResponse, type RichTextItemResponse } from '@notionhq/client';
import { type DocumentSection, type EditableBlock, type DatesChange, extensionNote, hasSection, planDatesRewrite, rewriteDates } from '../../domain/document-edits.js';
import type { DatesWritten, DocRef, DocumentEditResult } from '../types.js';
import { forgetPage, type NotionContext } from './context.js';
import { step } from './api/errors.js';
import { plainText } from './blocks/from-blocks.js';
import type { RichTextItemRequest } from './blocks/to-blocks.js';
import { toRichText } from './blocks/to-blocks.js';

const MISSING = { missingIsDocument: true };

interface Located extends EditableBlock {
  block: BlockObjectResponse;
}

/** The page's top-level blocks (every page of them), as the planners of domain/document-edits.ts see them. */
async function topLevelBlocks(ctx: NotionContext, pageId: string): Promise<Located[]> {
  const blocks: Located[] = [];
  let cursor: string | undefined;
  do {
    const page = await step('blocks.children.list', () => ctx.client.blocks.children.list({ block_id: pageId, page_size: 100, start_cursor: cursor }), MISSING);
    for (const block of page.results) if (isFullBlock(block)) blocks.push(locate(block));
    cursor = page.has_more ? (page.next_cursor ?? undefined) : undefined;
  } while (cursor);
  return blocks;
}

function locate(block: BlockObjectResponse): Located {
  switch (block.type) {
    case 'heading_1':
      return { block, type: 'heading', level: 1, text: plainText(block.heading_1.rich_text) };
    case 'heading_2':
      return { block, type: 'heading', level: 2, text: plainText(block.heading_2.rich_text) };
    case 'heading_3':
      return { block, type: 'heading', level: 3, text: plainText(block.heading_3.rich_text) };
    case 'paragraph':
      return { block, type: 'paragraph', text: plainText(block.paragraph.rich_text) };
    default:
      return { block, type: 'other', text: '' };
  }
}

/** The section (a heading 2 and its paragraphs) appended at the end of the page, unless it is there already. */
export async function appendSection(ctx: NotionContext, ref: DocRef, section: DocumentSection): Promise<DocumentEditResult> {
  if (hasSection(await topLevelBlocks(ctx, ref.docId), section)) return 'present';
  // Without `after`/`position` an append goes at the end of the page, on every API version.
  await step(
    `blocks.children.append (${section.heading})`,
    () =>
      ctx.client.blocks.children.append({
        block_id: ref.docId,
        children: [
          { type: 'heading_2', heading_2: { rich_text: toRichText(section.heading) } },
          ...section.lines.map((line) => ({ type: 'paragraph' as const, paragraph: { rich_text: toRichText(line).slice(0, 100) } })),
        ],
      }),
    MISSING,
  );
  forgetPage(ctx, ref.docId);
  return 'written';
}

/**
 * Text items as a request keeps them (content, link, annotations). Null when the paragraph holds a
 * mention or an equation: rewriting it would lose what it points to, so it is left alone.
 */
function asTextRequest(items: RichTextItemResponse[], rewrite: (text: string) => string): RichTextItemRequest[] | null {
  if (!items.every((item) => item.type === 'text')) return null;
  return items.map((item) => {
    const text = item.type === 'text' ? item.text : { content: '', link: null };
    return { type: 'text', text: { content: rewrite(text.content), link: text.link }, annotations: item.annotations };
  });
}

/**
 * `End` (and `Start`, when it moves) set to the new dates; the opening, Timeline and check-in
 * paragraphs that name the old dates rewritten, or, when the Timeline names none, the note added to
 * its last paragraph.
 */
export async function writeDates(ctx: NotionContext, ref: DocRef, change: DatesChange): Promise<DatesWritten> {
  const dates = { [ctx.names.End]: { date: { start: change.to } }, ...(change.start ? { [ctx.names.Start]: { date: { start: change.start.to } } } : {}) };
  await step('pages.update (dates)', () => ctx.client.pages.update({ page_id: ref.docId, properties: dates }), MISSING);
  forgetPage(ctx, ref.docId);
  const blocks = await topLevelBlocks(ctx, ref.docId);
  const plan = planDatesRewrite(blocks, change);
  // `End` was written just now, whatever the text says: always `written`.
  const written: DatesWritten = { result: 'written', checkInList: plan.checkInList };
  if (plan.done) return written;
  const updates: { id: string; rich_text: RichTextItemRequest[] }[] = [];
  for (const i of plan.rewrite) {
    const { block } = blocks[i]!;
    const rich_text = block.type === 'paragraph' ? asTextRequest(block.paragraph.rich_text, (text) => rewriteDates(text, change)) : null;
    if (rich_text) updates.push({ id: block.id, rich_text });
  }
  const last = plan.noteAfter === null ? undefined : blocks[plan.noteAfter]?.block;
  if (last?.type === 'paragraph') {
    const rich_text = asTextRequest(last.paragraph.rich_text, (text) => text);
    if (rich_text && rich_text.length < 100) updates.push({ id: last.id, rich_text: [...rich_text, ...toRichText(` ${extensionNote(change)}`)] });
  }
  for (const update of updates) {
    await step('blocks.update (dates)', () => ctx.client.blocks.update({ block_id: update.id, paragraph: { rich_text: update.rich_text } }), MISSING);
  }
  return written;
}
