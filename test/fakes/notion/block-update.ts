import type { UpdateBlockParameters } from '@notionhq/client';
import { FakeApiError } from './errors.js';
import { checkRichText, normalizeId } from './limits.js';
import { richTextResponse } from './rich-text.js';
import type { NotionFakeState } from './state.js';

const TEXT_BLOCKS = new Set(['paragraph', 'heading_1', 'heading_2', 'heading_3', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'toggle', 'quote', 'callout']);

/**
 * PATCH /v1/blocks/{id}: the new content of a block of the same type (rich text, a to-do's
 * checked state, a table row's cells), validated like an append.
 */
export function updateBlock(state: NotionFakeState, blockId: string, body: Omit<UpdateBlockParameters, 'block_id'>) {
  const id = normalizeId(blockId, 'path.block_id');
  const block = state.blocks.get(id);
  if (!block || state.pages.get(block.pageId)?.inTrash) throw FakeApiError.notFound('block', blockId);
  const given = body as Record<string, unknown>;
  const type = Object.keys(given).find((k) => k !== 'type' && k !== 'archived' && k !== 'in_trash');
  if (type && type !== block.type) throw FakeApiError.validation(`body failed validation: body.${type} should be not present (the block is a ${block.type}).`);
  const content = (type ? given[type] : {}) as Record<string, unknown>;
  if (TEXT_BLOCKS.has(block.type) && content.rich_text !== undefined) {
    checkRichText(content.rich_text, `body.${block.type}.rich_text`);
    block.content.rich_text = (content.rich_text as unknown[]).map((t, i) => richTextResponse(t, `body.${block.type}.rich_text[${i}]`));
  }
  if (block.type === 'to_do' && typeof content.checked === 'boolean') block.content.checked = content.checked;
  if (block.type === 'table_row' && content.cells !== undefined) {
    const cells = content.cells as unknown[][];
    const width = state.blocks.get(block.parentId)?.content.table_width;
    if (!Array.isArray(cells) || cells.length !== width) {
      throw FakeApiError.validation(
        `body failed validation: body.table_row.cells.length should be \`${String(width)}\` (table_width), instead was \`${Array.isArray(cells) ? cells.length : typeof cells}\`.`,
      );
    }
    for (const [c, cell] of cells.entries()) checkRichText(cell, `body.table_row.cells[${c}]`);
    block.content.cells = cells.map((cell, c) => cell.map((t, i) => richTextResponse(t, `body.table_row.cells[${c}][${i}]`)));
  }
  if (body.in_trash === true || body.archived === true) {
    const siblings = state.children.get(block.parentId)!;
    siblings.splice(siblings.indexOf(id), 1);
  }
  block.lastEditedTime = state.stamp();
  state.touch(block.pageId);
  return state.blockResponse(block);
}

/** DELETE /v1/blocks/{id}: the block leaves its parent (Notion moves it to the trash). */
export function deleteBlock(state: NotionFakeState, blockId: string) {
  const id = normalizeId(blockId, 'path.block_id');
  const block = state.blocks.get(id);
  const siblings = block && state.children.get(block.parentId);
  if (!block || !siblings?.includes(id)) throw FakeApiError.notFound('block', blockId);
  siblings.splice(siblings.indexOf(id), 1);
  state.touch(block.pageId);
  return { ...state.blockResponse(block), archived: true, in_trash: true };
}
