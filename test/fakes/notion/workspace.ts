import type { NotionFakeState, FakeUser } from './state.js';

export const PEOPLE = {
  ana: { email: 'ana@acme.test', name: 'Ana Acme' },
  ben: { email: 'ben@acme.test', name: 'Ben Acme' },
  cy: { email: 'cy@acme.test', name: 'Cy Acme' },
  hr: { email: 'hr@acme.test', name: 'Hanna HR' },
  eve: { email: 'eve@acme.test', name: 'Eve Acme' },
} as const;

export const DEFAULT_SCHEMA: Record<string, string> = {
  Name: 'title',
  'Team member': 'people',
  Manager: 'people',
  "Manager's manager": 'people',
  HR: 'people',
  Start: 'date',
  End: 'date',
  Status: 'select',
  'Plan ID': 'rich_text',
};

export interface SeedOptions {
  /** Property name -> type; default DEFAULT_SCHEMA. */
  schema?: Record<string, string>;
  /** Extra members beyond PEOPLE (for pagination of users.list). */
  extraMembers?: number;
  /** The integration lacks the "user information with email" capability. */
  withoutEmails?: boolean;
  /** The integration may not change the database's properties (see FakeDataSource.schemaLocked). */
  schemaLocked?: boolean;
}

/** A workspace with the people above as members, a bot, and the "Coaching plans" data source. */
export function seedWorkspace(state: NotionFakeState, options: SeedOptions = {}) {
  const users: Record<keyof typeof PEOPLE, FakeUser> = {} as Record<keyof typeof PEOPLE, FakeUser>;
  for (const [key, person] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, (typeof PEOPLE)[keyof typeof PEOPLE]][]) {
    const user: FakeUser = { id: crypto.randomUUID(), name: person.name, type: 'person', ...(options.withoutEmails ? {} : { email: person.email }) };
    state.users.set(user.id, user);
    users[key] = user;
  }
  for (let i = 0; i < (options.extraMembers ?? 0); i++) {
    const user: FakeUser = { id: crypto.randomUUID(), name: `Member ${i}`, type: 'person', ...(options.withoutEmails ? {} : { email: `member${i}@acme.test` }) };
    state.users.set(user.id, user);
  }
  const bot: FakeUser = { id: crypto.randomUUID(), name: 'Coaching Plans', type: 'bot' };
  state.users.set(bot.id, bot);
  const dataSourceId = crypto.randomUUID();
  const schema = options.schema ?? DEFAULT_SCHEMA;
  state.dataSources.set(dataSourceId, {
    id: dataSourceId,
    databaseId: crypto.randomUUID(),
    title: 'Coaching plans',
    ...(options.schemaLocked ? { schemaLocked: true } : {}),
    properties: Object.fromEntries(
      Object.entries(schema).map(([name, type], index) => [
        name,
        // Property ids are short in Notion ("%3CnJT"); unique per data source, whatever the chance.
        { id: type === 'title' ? 'title' : `p${index}${crypto.randomUUID().slice(0, 4)}`, type, ...(type === 'select' || type === 'status' ? { options: [] } : {}) },
      ]),
    ),
  });
  return { dataSourceId, users };
}
