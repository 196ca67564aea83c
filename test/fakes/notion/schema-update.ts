import type { UpdateDataSourceParameters } from '@notionhq/client';
import { FakeApiError } from './errors.js';
import { normalizeId } from './limits.js';
import { richTextResponse } from './rich-text.js';
import type { NotionFakeState } from './state.js';

/**
 * The property types a schema update may set, from "Update data source properties"
 * (https://developers.notion.com/reference/update-data-source-properties): "Possible values of this
 * key are title, rich_text, number, select, multi_select, date, people, files, checkbox, url, email,
 * phone_number, formula, relation, rollup, created_time, created_by, last_edited_time, last_edited_by".
 */
const TYPES = new Set([
  'title',
  'rich_text',
  'number',
  'select',
  'multi_select',
  'date',
  'people',
  'files',
  'checkbox',
  'url',
  'email',
  'phone_number',
  'formula',
  'relation',
  'rollup',
  'created_time',
  'created_by',
  'last_edited_time',
  'last_edited_by',
  'status',
]);
const WITH_OPTIONS = new Set(['select', 'multi_select', 'status']);

const fail = (message: string) => FakeApiError.validation(`body failed validation: ${message}`);

/**
 * The 403 the status codes page gives for "the client doesn't have permission to perform this
 * operation" (https://developers.notion.com/reference/status-codes). The docs do not give the
 * message Notion sends with it, nor which answer an integration whose access to the database does
 * not include its structure gets: the fake answers this one; the service treats any refusal alike.
 */
export const restricted = (what: string) => new FakeApiError(403, 'restricted_resource', `Insufficient permissions to ${what}.`);

/**
 * PATCH /v1/data_sources/{id} (https://developers.notion.com/reference/update-a-data-source): the
 * title, and the `properties` map keyed by a property's name or id: `null` removes it, `{ name }`
 * renames it, a type key adds it or changes its type. Limits from the same page: the title's type
 * cannot change, and "it's not possible to update the name or options values of a status property".
 */
export function updateDataSource(state: NotionFakeState, id: string, body: Omit<UpdateDataSourceParameters, 'data_source_id'>) {
  const ds = state.dataSources.get(normalizeId(id, 'path.data_source_id'));
  if (!ds) throw FakeApiError.notFound('data_source', id);
  if (ds.schemaLocked) throw restricted("change this database's properties");
  // Everything is checked before anything changes: a refused request leaves the schema as it was.
  const next = structuredClone(ds.properties);
  for (const [key, value] of Object.entries(body.properties ?? {})) {
    const name = Object.keys(next).find((n) => n === key || next[n]!.id === key);
    const path = `body.properties.${key}`;
    if (value === null) {
      if (!name) throw FakeApiError.validation(`Could not find property with name or id: ${key}`);
      if (next[name]!.type === 'title') throw fail(`${path}: the title property cannot be removed.`);
      delete next[name];
      continue;
    }
    if (typeof value !== 'object') throw fail(`${path} should be an object or \`null\`, instead was \`${JSON.stringify(value)}\`.`);
    const given = value as Record<string, unknown>;
    const typeKeys = Object.keys(given).filter((k) => k !== 'name' && k !== 'description' && k !== 'type');
    const unknown = typeKeys.find((k) => !TYPES.has(k));
    if (unknown) throw fail(`${path}.${unknown} should be not present.`);
    if (typeKeys.length > 1) throw fail(`${path} should hold one property type, instead held ${typeKeys.join(', ')}.`);
    const type = typeKeys[0];
    if (type && given.type !== undefined && given.type !== type) throw fail(`${path}.type should be \`"${type}"\`, instead was \`${JSON.stringify(given.type)}\`.`);
    const newName = typeof given.name === 'string' ? given.name : undefined;
    if (!name) {
      if (!type) throw FakeApiError.validation(`Could not find property with name or id: ${key}`);
      if (type === 'title' && Object.values(next).some((p) => p.type === 'title')) throw fail(`${path}: a data source has one title property.`);
      next[newName ?? key] = { id: `n${crypto.randomUUID().slice(0, 5)}`, type, ...optionsOf(type, given[type], path) };
      continue;
    }
    const current = next[name]!;
    if (current.type === 'status' && (newName !== undefined || (type === 'status' && optionsGiven(given.status)))) {
      throw fail(`${path}: the name and options of a status property cannot be changed through the API.`);
    }
    if (type && current.type === 'title' && type !== 'title') throw fail(`${path}: the title property's type cannot be changed.`);
    const changed = type ? { id: current.id, type, ...optionsOf(type, given[type], path) } : current;
    delete next[name];
    next[newName ?? name] = changed;
  }
  if (body.title !== undefined) {
    if (!Array.isArray(body.title)) throw fail('body.title should be an array.');
    ds.title = body.title.map((t, i) => richTextResponse(t, `body.title[${i}]`).plain_text).join('');
  }
  ds.properties = next;
  return state.retrieveDataSource(ds.id);
}

function optionsGiven(config: unknown): boolean {
  return Array.isArray((config as { options?: unknown } | undefined)?.options);
}

function optionsOf(type: string, config: unknown, path: string): { options?: { id: string; name: string; color: string }[] } {
  if (!WITH_OPTIONS.has(type)) return {};
  const options = (config as { options?: { name?: unknown; color?: unknown }[] } | undefined)?.options ?? [];
  if (!Array.isArray(options) || options.length > 100) throw fail(`${path}.${type}.options should be an array of at most 100.`);
  return {
    options: options.map((o, i) => {
      if (typeof o.name !== 'string' || !o.name || o.name.includes(',')) throw fail(`${path}.${type}.options[${i}].name should be a name without commas.`);
      return { id: crypto.randomUUID(), name: o.name, color: typeof o.color === 'string' ? o.color : 'default' };
    }),
  };
}
