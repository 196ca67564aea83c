import { FakeApiError } from './errors.js';
import type { FakeDataSource, FakePage } from './state.js';

type Filter = Record<string, unknown>;

const fail = (message: string) => FakeApiError.validation(`body failed validation: ${message}`);

function compareTime(value: string, condition: Record<string, unknown>, path: string): boolean {
  const [op, operand] = Object.entries(condition)[0] ?? [];
  if (typeof operand !== 'string' || Number.isNaN(Date.parse(operand))) throw fail(`${path}.${op} should be an ISO 8601 date.`);
  const a = Date.parse(value);
  const b = Date.parse(operand);
  switch (op) {
    case 'on_or_after':
      return a >= b;
    case 'after':
      return a > b;
    case 'on_or_before':
      return a <= b;
    case 'before':
      return a < b;
    case 'equals':
      return a === b;
    default:
      throw fail(`${path} has an unsupported condition ${op}.`);
  }
}

/**
 * The subset of data-source query filters the service uses: `and`/`or`, timestamp filters on
 * created_time / last_edited_time, title equals/contains, people contains, select equals.
 */
export function matchesFilter(page: FakePage, ds: FakeDataSource, filter: unknown, path = 'body.filter'): boolean {
  if (filter === undefined) return true;
  const f = filter as Filter;
  if (Array.isArray(f.and)) return f.and.every((sub, i) => matchesFilter(page, ds, sub, `${path}.and[${i}]`));
  if (Array.isArray(f.or)) return f.or.some((sub, i) => matchesFilter(page, ds, sub, `${path}.or[${i}]`));
  if (f.timestamp === 'last_edited_time' || f.timestamp === 'created_time') {
    const condition = f[f.timestamp] as Record<string, unknown> | undefined;
    if (!condition) throw fail(`${path}.${f.timestamp} should be defined.`);
    return compareTime(f.timestamp === 'created_time' ? page.createdTime : page.lastEditedTime, condition, `${path}.${f.timestamp}`);
  }
  if (typeof f.property === 'string') {
    const schema = ds.properties[f.property];
    if (!schema) throw FakeApiError.validation(`Could not find property with name or id: ${f.property}`);
    const value = page.properties[f.property];
    const condition = f[schema.type] as Record<string, unknown> | undefined;
    if (!condition) throw fail(`${path}.${schema.type} should be defined (the property is of type ${schema.type}).`);
    if (schema.type === 'title' || schema.type === 'rich_text') {
      const text = ((value?.[schema.type] as { plain_text: string }[]) ?? []).map((t) => t.plain_text).join('');
      if ('equals' in condition) return text === condition.equals;
      if ('contains' in condition) return text.includes(String(condition.contains));
    }
    if (schema.type === 'people' && 'contains' in condition) {
      return ((value?.people as { id: string }[]) ?? []).some((p) => p.id === condition.contains);
    }
    if (schema.type === 'select' && 'equals' in condition) return (value?.select as { name: string } | null)?.name === condition.equals;
    throw fail(`${path} uses a condition the fake does not support (${JSON.stringify(condition)}).`);
  }
  throw fail(`${path} should be a property, timestamp or compound filter.`);
}
