import { FakeApiError } from './errors.js';
import { richTextResponse } from './rich-text.js';
import type { FakeBlock, NotionFakeState } from './state.js';

/**
 * What people do to a plan page in Notion's app, applied straight to the state (not through the
 * API): each edit bumps the page's last_edited_time like the app would.
 */
export type CellInput = string | { date: string };

const cellText = (cell: CellInput) =>
  typeof cell === 'string' ? richTextResponse({ text: { content: cell } }, 'cell') : richTextResponse({ type: 'mention', mention: { date: { start: cell.date } } }, 'cell');

function blocksUnder(state: NotionFakeState, parentId: string): FakeBlock[] {
  return (state.children.get(parentId) ?? []).map((id) => state.blocks.get(id)!);
}

/** The table whose header row starts with `firstHeader` (e.g. "Date" for the Progress log). */
export function findTable(state: NotionFakeState, pageId: string, firstHeader: string): FakeBlock {
  const table = blocksUnder(state, pageId).find((b) => {
    if (b.type !== 'table') return false;
    const header = blocksUnder(state, b.id)[0];
    const cells = header?.content.cells as { plain_text: string }[][] | undefined;
    return cells?.[0]?.map((t) => t.plain_text).join('') === firstHeader;
  });
  if (!table) throw new Error(`no table with header "${firstHeader}" on page ${pageId}`);
  return table;
}

export const ui = {
  addTableRow(state: NotionFakeState, pageId: string, firstHeader: string, cells: CellInput[]): void {
    const table = findTable(state, pageId, firstHeader);
    state.insertBlocks(table.id, pageId, [{ type: 'table_row', table_row: { cells: [] } }]);
    const row = blocksUnder(state, table.id).at(-1)!;
    const width = table.content.table_width as number;
    row.content.cells = Array.from({ length: width }, (_, i) => (cells[i] === undefined ? [] : [cellText(cells[i]!)]));
    state.touch(pageId);
  },

  setTableCell(state: NotionFakeState, pageId: string, firstHeader: string, row: number, column: number, cell: CellInput): void {
    const target = blocksUnder(state, findTable(state, pageId, firstHeader).id)[row];
    if (!target) throw new Error(`no row ${row}`);
    (target.content.cells as unknown[][])[column] = [cellText(cell)];
    state.touch(pageId);
  },

  checkTodo(state: NotionFakeState, pageId: string, textStartsWith: string, checked = true): void {
    const todo = [...state.blocks.values()].find(
      (b) =>
        b.pageId === pageId &&
        b.type === 'to_do' &&
        (b.content.rich_text as { plain_text: string }[])
          .map((t) => t.plain_text)
          .join('')
          .startsWith(textStartsWith),
    );
    if (!todo) throw new Error(`no to-do starting "${textStartsWith}"`);
    todo.content.checked = checked;
    state.touch(pageId);
  },

  appendParagraph(state: NotionFakeState, pageId: string, parts: CellInput[]): void {
    state.insertBlocks(pageId, pageId, [{ type: 'paragraph', paragraph: { rich_text: [] } }]);
    blocksUnder(state, pageId).at(-1)!.content.rich_text = parts.map(cellText);
    state.touch(pageId);
  },

  setPeople(state: NotionFakeState, pageId: string, property: string, userIds: string[]): void {
    const page =
      state.pages.get(pageId) ??
      (() => {
        throw FakeApiError.notFound('page', pageId);
      })();
    const value = page.properties[property];
    if (value?.type !== 'people') throw new Error(`${property} is not a people property`);
    value.people = userIds.map((id) => {
      const user = state.users.get(id)!;
      return { object: 'user', id, name: user.name, avatar_url: null, type: 'person', person: { email: user.email } };
    });
    state.touch(pageId);
  },

  publishToWeb(state: NotionFakeState, pageId: string, on = true): void {
    const page = state.pages.get(pageId)!;
    page.publicUrl = on ? state.publishedUrl(page) : null;
    state.touch(pageId);
  },

  /** Share > Publish on the database: every page in it is on the web from then on. */
  publishDatabase(state: NotionFakeState, dataSourceId: string, on = true): void {
    state.dataSources.get(dataSourceId)!.published = on;
  },

  moveOutOfDatabase(state: NotionFakeState, pageId: string): void {
    state.pages.get(pageId)!.movedUnder = crypto.randomUUID();
    state.touch(pageId);
  },

  /** Someone edits the page in the app for `ms`: API writes to it meanwhile collide (409 conflict_error). */
  startEditing(state: NotionFakeState, pageId: string, ms: number): void {
    state.editingUntil.set(pageId, state.clock.now() + ms);
    state.touch(pageId);
  },

  trash(state: NotionFakeState, pageId: string): void {
    state.pages.get(pageId)!.inTrash = true;
    state.touch(pageId);
  },
};
