import { FakeApiError } from './errors.js';
import { richTextResponse } from './rich-text.js';
import type { FakeDataSource, FakeUser } from './state.js';

/** A stored property value, in the shape pages.retrieve answers with. */
export type PropertyValue = { id: string; type: string } & Record<string, unknown>;

export function userResponse(user: FakeUser) {
  return user.type === 'person'
    ? { object: 'user' as const, id: user.id, name: user.name, avatar_url: null, type: 'person' as const, person: user.email ? { email: user.email } : {} }
    : { object: 'user' as const, id: user.id, name: user.name, avatar_url: null, type: 'bot' as const, bot: {} };
}

const fail = (message: string) => FakeApiError.validation(message);

/**
 * Check one property value of a pages.create / pages.update body against the data source's
 * schema and turn it into the stored (response) form. Select options that do not exist yet are
 * created, as Notion does; status options must exist.
 */
export function toPropertyValue(dataSource: FakeDataSource, name: string, value: unknown, users: Map<string, FakeUser>): PropertyValue {
  const schema = dataSource.properties[name] ?? Object.values(dataSource.properties).find((p) => p.id === name);
  if (!schema) throw fail(`${name} is not a property that exists.`);
  const v = value as Record<string, unknown>;
  const expect = (key: string) => {
    if (!(key in v)) throw fail(`body failed validation: body.properties.${name}.${key} should be defined (the property is of type ${schema.type}), instead was \`undefined\`.`);
    return v[key];
  };
  switch (schema.type) {
    case 'title':
    case 'rich_text': {
      const items = expect(schema.type);
      if (!Array.isArray(items) || items.length > 100) throw fail(`body failed validation: body.properties.${name}.${schema.type} should be an array of at most 100.`);
      return { id: schema.id, type: schema.type, [schema.type]: items.map((item, i) => richTextResponse(item, `body.properties.${name}.${schema.type}[${i}]`)) };
    }
    case 'people': {
      const people = expect('people');
      if (!Array.isArray(people) || people.length > 100) throw fail(`body failed validation: body.properties.${name}.people should be an array of at most 100.`);
      return {
        id: schema.id,
        type: 'people',
        people: people.map((p: { id?: string }) => {
          const user = p.id ? users.get(p.id.toLowerCase()) : undefined;
          if (!user) throw fail(`body failed validation: body.properties.${name}.people: user ${p.id} was not found.`);
          return userResponse(user);
        }),
      };
    }
    case 'date': {
      const date = expect('date') as { start?: string; end?: string | null } | null;
      if (date !== null && (typeof date?.start !== 'string' || Number.isNaN(Date.parse(date.start)))) {
        throw fail(`body failed validation: body.properties.${name}.date.start should be an ISO 8601 date string.`);
      }
      return { id: schema.id, type: 'date', date: date && { start: date.start, end: date.end ?? null, time_zone: null } };
    }
    case 'select':
    case 'status': {
      const chosen = expect(schema.type) as { name?: string } | null;
      if (chosen === null) return { id: schema.id, type: schema.type, [schema.type]: null };
      let option = schema.options?.find((o) => o.name === chosen?.name);
      if (!option && schema.type === 'select' && chosen?.name) {
        option = { id: crypto.randomUUID(), name: chosen.name, color: 'default' };
        (schema.options ??= []).push(option);
      }
      if (!option) throw fail(`Invalid status option. Status option "${chosen?.name}" does not exist".`);
      return { id: schema.id, type: schema.type, [schema.type]: { ...option } };
    }
    default:
      throw fail(`the fake does not write ${schema.type} properties (${name}).`);
  }
}

/** The empty value a new page has for a property it was not given. */
export function emptyValue(id: string, type: string): PropertyValue {
  const empty: Record<string, unknown> = { title: [], rich_text: [], people: [], date: null, select: null, status: null };
  return { id, type, [type]: empty[type] ?? null };
}
