import type { PartyRole } from '../../domain/plan-schema.js';

/**
 * The "Coaching plans" database's properties the service reads and writes. The four Person
 * properties are what the database's page-level access rules grant access through.
 */
export const PROPERTY_KEYS = ['Team member', 'Manager', "Manager's manager", 'HR', 'Start', 'End', 'Status', 'Plan ID'] as const;
export type PropertyKey = (typeof PROPERTY_KEYS)[number];
export type PropertyNames = Record<PropertyKey, string>;

export const PARTY_PROPERTY: Record<PartyRole, PropertyKey> = {
  teamMember: 'Team member',
  manager: 'Manager',
  managersManager: "Manager's manager",
  hr: 'HR',
};

const EXPECTED_TYPE: Record<PropertyKey, 'people' | 'date' | 'select' | 'rich_text'> = {
  'Team member': 'people',
  Manager: 'people',
  "Manager's manager": 'people',
  HR: 'people',
  Start: 'date',
  End: 'date',
  Status: 'select',
  /** The service's own id of the plan: how an interrupted create finds its page (never by title). */
  'Plan ID': 'rich_text',
};

/** The Status values the service sets. */
export const STATUS = { active: 'Active', closed: 'Closed' } as const;

/** The Status property's value in the shape its type takes: a `status` property or a `select`. */
export function statusValue(propertyType: string, name: (typeof STATUS)[keyof typeof STATUS]) {
  return propertyType === 'status' ? { status: { name } } : { select: { name } };
}

/**
 * Property names with the renames of `NOTION_PROPERTIES` ("HR=People team,Start=Begins") applied.
 * Throws on an unknown key so a typo does not silently fall back to the default.
 */
export function parsePropertyNames(setting: string | undefined): PropertyNames {
  const names = Object.fromEntries(PROPERTY_KEYS.map((key) => [key, key])) as PropertyNames;
  for (const pair of (setting ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    const name = pair.slice(at + 1).trim();
    if (at < 1 || !name || !(PROPERTY_KEYS as readonly string[]).includes(key)) {
      throw new Error(`NOTION_PROPERTIES: "${pair}" is not Key=Name with Key one of ${PROPERTY_KEYS.join(', ')}`);
    }
    names[key as PropertyKey] = name;
  }
  return names;
}

/** What a data source's schema looks like to us: name -> type (and select options). */
export type SchemaProperties = Record<string, { type: string; select?: { options: { name: string }[] }; status?: { options: { name: string }[] } }>;

/**
 * Everything wrong with the database's schema, as sentences an admin can act on. The title
 * property may have any name; the others are looked up by their (configured) names.
 */
export function schemaProblems(properties: SchemaProperties, names: PropertyNames): string[] {
  const problems: string[] = [];
  if (!Object.values(properties).some((p) => p.type === 'title')) problems.push('add a title property (every database has one unless it was changed)');
  for (const key of PROPERTY_KEYS) {
    const name = names[key];
    const expected = EXPECTED_TYPE[key];
    const found = properties[name];
    if (!found) {
      problems.push(`add a ${describeType(expected)} property named "${name}"`);
    } else if (key === 'Status' && found.type === 'status') {
      const options = new Set(found.status?.options.map((o) => o.name));
      const missing = Object.values(STATUS).filter((s) => !options.has(s));
      if (missing.length) problems.push(`add the option(s) ${missing.map((m) => `"${m}"`).join(', ')} to the Status property "${name}"`);
    } else if (found.type !== expected) {
      problems.push(`change the property "${name}" from ${found.type} to ${describeType(expected)}`);
    }
  }
  return problems;
}

function describeType(type: 'people' | 'date' | 'select' | 'rich_text'): string {
  return { people: 'Person', date: 'Date', select: 'Select', rich_text: 'Text' }[type];
}
