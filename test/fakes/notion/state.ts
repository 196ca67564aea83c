import type { AppendBlockChildrenParameters, CreatePageParameters, QueryDataSourceParameters, UpdatePageParameters } from '@notionhq/client';
import type { Clock } from '../../../service/src/providers/notion/api/rate-limit.js';
import { FakeApiError } from './errors.js';
import { checkChildren, checkPageSize, normalizeId } from './limits.js';
import { emptyValue, toPropertyValue, userResponse, type PropertyValue } from './properties.js';
import { matchesFilter } from './query.js';
import { richTextResponse } from './rich-text.js';

export interface FakeUser {
  id: string;
  name: string;
  type: 'person' | 'bot';
  /** Absent when the integration lacks the "user information with email" capability. */
  email?: string;
}

export interface FakeDataSource {
  id: string;
  databaseId: string;
  title: string;
  properties: Record<string, { id: string; type: string; options?: { id: string; name: string; color: string }[] }>;
  /** The database is published to the web: so are all its pages, those already there included. */
  published?: boolean;
  /** The integration may edit pages but not the database's properties (data_sources.update: 403). */
  schemaLocked?: boolean;
  /**
   * Database templates: their content as block requests, and Person values (property name -> user
   * ids) that Notion merges into the page with the content ("merge the content and properties").
   */
  templates?: { id: string; name: string; isDefault: boolean; blocks: unknown[]; people?: Record<string, string[]> }[];
}

export interface FakePage {
  id: string;
  dataSourceId: string;
  createdTime: string;
  lastEditedTime: string;
  properties: Record<string, PropertyValue>;
  publicUrl: string | null;
  inTrash: boolean;
  isLocked: boolean;
  /** Set when someone moved the page out of its data source, under an ordinary page. */
  movedUnder?: string;
}

export interface FakeBlock {
  id: string;
  /** The page or block it sits in. */
  parentId: string;
  pageId: string;
  type: string;
  /** Response form of the type's content, without `children`. */
  content: Record<string, unknown>;
  createdTime: string;
  lastEditedTime: string;
}

const BOT_ID = '7775f3a3-893f-43fa-b625-460c61094c78';

/**
 * The fake workspace: users, one or more data sources with their schema, pages with properties,
 * and blocks with children. Every operation takes the SDK's parameter types and answers in the
 * shapes of test/fixtures/notion; it knows nothing of HTTP (see server.ts) so it can sit
 * behind msw or a local HTTP server alike.
 */
export class NotionFakeState {
  users = new Map<string, FakeUser>();
  dataSources = new Map<string, FakeDataSource>();
  pages = new Map<string, FakePage>();
  blocks = new Map<string, FakeBlock>();
  /** Ordered child block ids of every page and block. */
  children = new Map<string, string[]>();
  /**
   * Blocks whose children the integration cannot see (a synced block whose original lives on a page
   * not shared with it): listing them answers 404 object_not_found, as Notion does.
   */
  hiddenBlocks = new Set<string>();

  /** Pages someone is editing in the app, until when (virtual ms): API writes to them answer 409 (faults.ts). */
  editingUntil = new Map<string, number>();

  /** Pages created from a template stay blank until the template is applied, this long later (virtual ms). */
  templateDelayMs = 2000;
  pendingTemplates: { pageId: string; blocks: unknown[]; people?: Record<string, string[]>; dueAt: number }[] = [];

  constructor(readonly clock: Clock) {}

  /** Notion applies templates in the background; the fake does it when a request comes in after the delay. */
  applyDueTemplates(): void {
    const now = this.clock.now();
    for (const pending of this.pendingTemplates.filter((p) => p.dueAt <= now)) {
      this.insertBlocks(pending.pageId, pending.pageId, pending.blocks);
      const page = this.pages.get(pending.pageId);
      for (const [name, ids] of Object.entries(pending.people ?? {})) {
        const value = page?.properties[name];
        if (value?.type !== 'people') continue;
        const people = value.people as { id: string }[];
        for (const id of ids) if (!people.some((p) => p.id === id)) people.push(userResponse(this.users.get(id)!));
      }
      this.touch(pending.pageId);
    }
    this.pendingTemplates = this.pendingTemplates.filter((p) => p.dueAt > now);
  }

  listTemplates(dataSourceId: string) {
    const ds = this.dataSources.get(normalizeId(dataSourceId, 'path.data_source_id'));
    if (!ds) throw FakeApiError.notFound('data_source', dataSourceId);
    return { templates: (ds.templates ?? []).map((t) => ({ id: t.id, name: t.name, is_default: t.isDefault })), has_more: false, next_cursor: null };
  }

  /** Notion keeps created/last_edited times to the minute. */
  stamp(): string {
    return new Date(Math.floor(this.clock.now() / 60_000) * 60_000).toISOString();
  }

  /** Whether the page or block `id` (or the page it is on) is being edited by someone in the app now. */
  isBeingEdited(id: string): boolean {
    if (this.editingUntil.size === 0 || !id) return false;
    const hex = id.replace(/-/g, '').toLowerCase();
    const key = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const pageId = this.pages.has(key) ? key : this.blocks.get(key)?.pageId;
    return pageId !== undefined && (this.editingUntil.get(pageId) ?? 0) > this.clock.now();
  }

  touch(pageId: string): void {
    const page = this.pages.get(pageId);
    if (page) page.lastEditedTime = this.stamp();
  }

  pageUrl(page: FakePage): string {
    const title = (page.properties[Object.keys(page.properties).find((k) => page.properties[k]?.type === 'title') ?? '']?.title as { plain_text: string }[] | undefined)
      ?.map((t) => t.plain_text)
      .join('')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return `https://www.notion.so/${title ? `${title}-` : ''}${page.id.replace(/-/g, '')}`;
  }

  publishedUrl(page: FakePage): string {
    return `https://acme.notion.site/${page.id.replace(/-/g, '')}`;
  }

  pageResponse(page: FakePage) {
    const ds = this.dataSources.get(page.dataSourceId)!;
    const by = { object: 'user' as const, id: BOT_ID };
    return {
      object: 'page' as const,
      id: page.id,
      created_time: page.createdTime,
      last_edited_time: page.lastEditedTime,
      created_by: by,
      last_edited_by: by,
      cover: null,
      icon: null,
      parent: page.movedUnder ? { type: 'page_id' as const, page_id: page.movedUnder } : { type: 'data_source_id' as const, data_source_id: ds.id, database_id: ds.databaseId },
      archived: page.inTrash,
      in_trash: page.inTrash,
      is_archived: page.inTrash,
      is_locked: page.isLocked,
      properties: page.properties,
      url: this.pageUrl(page),
      public_url: page.publicUrl ?? (ds.published && !page.movedUnder ? this.publishedUrl(page) : null),
    };
  }

  blockResponse(block: FakeBlock) {
    const by = { object: 'user' as const, id: BOT_ID };
    const parent = this.pages.has(block.parentId) ? { type: 'page_id' as const, page_id: block.parentId } : { type: 'block_id' as const, block_id: block.parentId };
    return {
      object: 'block' as const,
      id: block.id,
      parent,
      created_time: block.createdTime,
      last_edited_time: block.lastEditedTime,
      created_by: by,
      last_edited_by: by,
      has_children: (this.children.get(block.id)?.length ?? 0) > 0,
      archived: false,
      in_trash: false,
      type: block.type,
      [block.type]: block.content,
    };
  }

  getPage(id: string): FakePage {
    const page = this.pages.get(normalizeId(id, 'path.page_id'));
    if (!page) throw FakeApiError.notFound('page', id);
    return page;
  }

  retrieveDataSource(id: string) {
    const ds = this.dataSources.get(normalizeId(id, 'path.data_source_id'));
    if (!ds) throw FakeApiError.notFound('data_source', id);
    return {
      object: 'data_source' as const,
      id: ds.id,
      title: [richTextResponse({ text: { content: ds.title } }, 'title')],
      description: [],
      parent: { type: 'database_id' as const, database_id: ds.databaseId },
      is_inline: false,
      in_trash: false,
      archived: false,
      properties: Object.fromEntries(
        Object.entries(ds.properties).map(([name, p]) => [name, { id: p.id, name, description: null, type: p.type, [p.type]: p.options ? { options: p.options } : {} }]),
      ),
      url: `https://www.notion.so/${ds.databaseId.replace(/-/g, '')}`,
      public_url: null,
    };
  }

  /** The database holding a data source: its `public_url` is set while it is published to the web. */
  retrieveDatabase(id: string) {
    const databaseId = normalizeId(id, 'path.database_id');
    const sources = [...this.dataSources.values()].filter((ds) => ds.databaseId === databaseId);
    if (sources.length === 0) throw FakeApiError.notFound('database', id);
    const published = sources.some((ds) => ds.published);
    const first = sources[0]!;
    const plain = databaseId.replace(/-/g, '');
    return {
      object: 'database' as const,
      id: databaseId,
      title: [richTextResponse({ text: { content: first.title } }, 'title')],
      description: [],
      parent: { type: 'workspace' as const, workspace: true as const },
      is_inline: false,
      in_trash: false,
      archived: false,
      is_locked: false,
      created_time: this.stamp(),
      last_edited_time: this.stamp(),
      data_sources: sources.map((ds) => ({ id: ds.id, name: ds.title })),
      icon: null,
      cover: null,
      url: `https://www.notion.so/${plain}`,
      public_url: published ? `https://acme.notion.site/${plain}` : null,
    };
  }

  queryDataSource(id: string, body: Omit<QueryDataSourceParameters, 'data_source_id'>) {
    const ds = this.dataSources.get(normalizeId(id, 'path.data_source_id'));
    if (!ds) throw FakeApiError.notFound('data_source', id);
    const size = checkPageSize(body.page_size, 'body.page_size');
    const matching = [...this.pages.values()].filter((p) => p.dataSourceId === ds.id && !p.inTrash && !p.movedUnder && matchesFilter(p, ds, body.filter));
    return {
      ...this.paginate(
        matching.map((p) => p.id),
        body.start_cursor,
        size,
        'body.start_cursor',
        (pid) => this.pageResponse(this.pages.get(pid)!),
      ),
      type: 'page_or_data_source' as const,
      page_or_data_source: {},
    };
  }

  paginate<T>(ids: string[], cursor: string | undefined | null, size: number, path: string, render: (id: string) => T) {
    let start = 0;
    if (cursor) {
      start = ids.indexOf(cursor);
      if (start < 0) throw FakeApiError.validation(`${path.split('.')[0]} failed validation: ${path} should be a valid cursor, instead was \`"${cursor}"\`.`);
    }
    const slice = ids.slice(start, start + size);
    const next = ids[start + size] ?? null;
    return { object: 'list' as const, results: slice.map(render), next_cursor: next, has_more: next !== null };
  }

  createPage(body: CreatePageParameters) {
    const parent = body.parent as { data_source_id?: string } | undefined;
    if (!parent?.data_source_id)
      throw FakeApiError.validation('body failed validation: body.parent.data_source_id should be defined (the fake only creates pages in data sources).');
    const ds = this.dataSources.get(normalizeId(parent.data_source_id, 'body.parent.data_source_id'));
    if (!ds) throw FakeApiError.notFound('data_source', parent.data_source_id);
    const template = this.chooseTemplate(ds, body.template);
    // Assumption (not in the docs we have): content comes from the template or from children, not both.
    if (template && body.children !== undefined) throw FakeApiError.validation('body failed validation: body.children should be not present when body.template is given.');
    if (body.children !== undefined) checkChildren(body.children, 'body.children');
    const properties: Record<string, PropertyValue> = {};
    for (const [name, p] of Object.entries(ds.properties)) properties[name] = emptyValue(p.id, p.type);
    for (const [name, value] of Object.entries(body.properties ?? {})) {
      const v = toPropertyValue(ds, name, value, this.users);
      properties[Object.keys(ds.properties).find((n) => ds.properties[n]!.id === v.id)!] = v;
    }
    const now = this.stamp();
    const page: FakePage = { id: crypto.randomUUID(), dataSourceId: ds.id, createdTime: now, lastEditedTime: now, properties, publicUrl: null, inTrash: false, isLocked: false };
    this.pages.set(page.id, page);
    this.children.set(page.id, []);
    if (body.children) this.insertBlocks(page.id, page.id, body.children);
    if (template)
      this.pendingTemplates.push({
        pageId: page.id,
        blocks: template.blocks,
        ...(template.people ? { people: template.people } : {}),
        dueAt: this.clock.now() + this.templateDelayMs,
      });
    return this.pageResponse(page);
  }

  chooseTemplate(ds: FakeDataSource, template: CreatePageParameters['template']) {
    if (!template || template.type === 'none') return undefined;
    const found =
      template.type === 'default' ? ds.templates?.find((t) => t.isDefault) : ds.templates?.find((t) => t.id === normalizeId(template.template_id, 'body.template.template_id'));
    if (!found) throw FakeApiError.validation(`body failed validation: body.template: no such template in data source ${ds.id}.`);
    return found;
  }

  updatePage(id: string, body: Omit<UpdatePageParameters, 'page_id'>) {
    const page = this.getPage(id);
    // A page in the trash can only be taken out of it (in_trash: false, alone or with other changes).
    if (page.inTrash && body.in_trash !== false && body.archived !== false) {
      throw FakeApiError.validation("Can't edit block that is archived. You must unarchive the block before editing.");
    }
    const ds = this.dataSources.get(page.dataSourceId)!;
    for (const [name, value] of Object.entries(body.properties ?? {})) {
      const v = toPropertyValue(ds, name, value, this.users);
      page.properties[Object.keys(ds.properties).find((n) => ds.properties[n]!.id === v.id)!] = v;
    }
    if (body.is_locked !== undefined) page.isLocked = body.is_locked;
    // 2025-09-03 knows both names; 2026-03-11 only in_trash (versions.ts refuses `archived` there).
    const trash = body.in_trash ?? body.archived;
    if (trash !== undefined) page.inTrash = trash;
    page.lastEditedTime = this.stamp();
    return this.pageResponse(page);
  }

  /** Blocks in request form, validated already, stored under `parentId` (at the end). */
  insertBlocks(parentId: string, pageId: string, requests: unknown[], afterId?: string | null): FakeBlock[] {
    const list = this.children.get(parentId)!;
    let at = afterId === undefined ? list.length : afterId === null ? 0 : list.indexOf(afterId) + 1;
    return requests.map((request) => {
      const r = request as Record<string, unknown>;
      const type = (r.type as string | undefined) ?? Object.keys(r).find((k) => k !== 'object' && typeof r[k] === 'object')!;
      const { children, ...raw } = r[type] as Record<string, unknown> & { children?: unknown[] };
      const content: Record<string, unknown> = { ...raw };
      if (Array.isArray(raw.rich_text)) content.rich_text = raw.rich_text.map((t, i) => richTextResponse(t, `rich_text[${i}]`));
      if (type === 'table_row') content.cells = (raw.cells as unknown[][]).map((cell) => cell.map((t, i) => richTextResponse(t, `cells[${i}]`)));
      if (type === 'to_do') content.checked = raw.checked ?? false;
      if ('rich_text' in content) content.color ??= 'default';
      const now = this.stamp();
      const block: FakeBlock = { id: crypto.randomUUID(), parentId, pageId, type, content, createdTime: now, lastEditedTime: now };
      this.blocks.set(block.id, block);
      this.children.set(block.id, []);
      list.splice(at++, 0, block.id);
      if (children?.length) this.insertBlocks(block.id, pageId, children);
      return block;
    });
  }

  parentOf(blockId: string): { id: string; pageId: string } {
    const id = normalizeId(blockId, 'path.block_id');
    if (this.pages.has(id)) {
      if (this.pages.get(id)!.inTrash) throw FakeApiError.notFound('block', blockId);
      return { id, pageId: id };
    }
    const block = this.blocks.get(id);
    if (!block || this.pages.get(block.pageId)?.inTrash) throw FakeApiError.notFound('block', blockId);
    return { id, pageId: block.pageId };
  }

  listChildren(blockId: string, query: { start_cursor?: string; page_size?: string }) {
    const { id } = this.parentOf(blockId);
    if (this.hiddenBlocks.has(id)) throw FakeApiError.notFound('block', blockId);
    const size = checkPageSize(query.page_size, 'query.page_size');
    return {
      ...this.paginate(this.children.get(id) ?? [], query.start_cursor, size, 'query.start_cursor', (bid) => this.blockResponse(this.blocks.get(bid)!)),
      type: 'block' as const,
      block: {},
    };
  }

  appendChildren(blockId: string, body: Omit<AppendBlockChildrenParameters, 'block_id'>) {
    const { id, pageId } = this.parentOf(blockId);
    checkChildren(body.children, 'body.children');
    const afterId = this.appendPosition(id, body);
    const added = this.insertBlocks(id, pageId, body.children, afterId);
    this.touch(pageId);
    return { object: 'list' as const, results: added.map((b) => this.blockResponse(b)), next_cursor: null, has_more: false, type: 'block' as const, block: {} };
  }

  /** Where `position` (or the deprecated `after`) puts appended children: undefined = end, null = start. */
  appendPosition(parentId: string, body: Omit<AppendBlockChildrenParameters, 'block_id'>): string | null | undefined {
    const position = body.position ?? (body.after ? { type: 'after_block' as const, after_block: { id: body.after } } : undefined);
    if (!position || position.type === 'end') return undefined;
    if (position.type === 'start') return null;
    const afterId = normalizeId(position.after_block.id, 'body.position.after_block.id');
    if (!this.children.get(parentId)?.includes(afterId)) throw FakeApiError.validation(`body failed validation: block ${afterId} is not a child of ${parentId}.`);
    return afterId;
  }

  listUsers(query: { start_cursor?: string; page_size?: string }) {
    const size = checkPageSize(query.page_size, 'query.page_size');
    const ids = [...this.users.keys()];
    return { ...this.paginate(ids, query.start_cursor, size, 'query.start_cursor', (uid) => userResponse(this.users.get(uid)!)), type: 'user' as const, user: {} };
  }
}
