import { describe, expect, it } from 'vitest';
import { parsePropertyNames, schemaProblems } from './properties.js';

describe('Notion property names and schema', () => {
  it('applies NOTION_PROPERTIES renames and refuses unknown keys', () => {
    const names = parsePropertyNames('HR=People team, Start=Begins');
    expect(names.HR).toBe('People team');
    expect(names.Start).toBe('Begins');
    expect(names.Manager).toBe('Manager');
    expect(() => parsePropertyNames('Boss=Chief')).toThrow(/Boss=Chief/);
  });

  it('lists every missing or mistyped property in one go', () => {
    const problems = schemaProblems(
      {
        Name: { type: 'title' },
        'Team member': { type: 'rich_text' },
        Manager: { type: 'people' },
        Start: { type: 'date' },
        End: { type: 'date' },
        Status: { type: 'status', status: { options: [{ name: 'Active' }] } },
      },
      parsePropertyNames(undefined),
    );
    expect(problems).toEqual([
      'change the property "Team member" from rich_text to Person',
      'add a Person property named "Manager\'s manager"',
      'add a Person property named "HR"',
      'add the option(s) "Closed" to the Status property "Status"',
      'add a Text property named "Plan ID"',
    ]);
  });
});
