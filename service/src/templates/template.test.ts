import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../../test/support/sample-plan.js';
import { TemplateError, loadTemplate, renderPlan } from './template.js';

const defaultMarkdown = readFileSync(resolve(import.meta.dirname, '../../../templates/coaching-plan.md'), 'utf8');

const plan = samplePlan({
  activities: [{ title: 'Shadow two customer calls', owner: 'Ana', due: '2026-12-10' }, { title: 'Write | a template' }],
});

describe('the default template', () => {
  const template = loadTemplate('default', defaultMarkdown);
  const rendered = renderPlan(template, plan);

  it('fills every placeholder and titles the plan so people recognise it', () => {
    expect(rendered.title).toBe('Coaching plan: Ana, Dec 2026');
    expect(rendered.markdown).not.toMatch(/\{\{/);
    expect(rendered.markdown).toContain('From 1 Dec 2026 to 31 Dec 2026.');
    expect(rendered.markdown).toContain('8 Dec 2026, 15 Dec 2026, 22 Dec 2026, 29 Dec 2026');
  });

  it('renders the seven parts, the activities table and an empty progress log into the model', () => {
    const headings = rendered.document.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
    expect(headings).toEqual([
      'Coaching plan: Ana, Dec 2026',
      'Development area',
      'Current state',
      'Goal state',
      'Activities',
      'Timeline',
      'Support assets',
      'Update cadence',
      'Progress log',
    ]);
    const tables = rendered.document.blocks.filter((b) => b.type === 'table');
    const activities = tables[1];
    expect(activities?.type === 'table' && activities.rows).toEqual([
      ['Activity', 'Owner', 'Due', 'Status'],
      ['Shadow two customer calls', 'Ana', '2026-12-10', 'Not started'],
      ['Write | a template', 'Ana', '', 'Not started'],
    ]);
    const log = tables[2];
    expect(log?.type === 'table' && log.rows).toEqual([['Date', 'Update', 'By']]);
  });
});

describe('custom templates are checked at start-up', () => {
  it('refuses an unknown placeholder, naming it', () => {
    expect(() => loadTemplate('custom', defaultMarkdown.replace('{{goalState}}', '{{goal}}'))).toThrow(/unknown placeholder \{\{goal\}\}/);
  });

  it('refuses a template missing a section, naming every one missing', () => {
    const withoutSections = defaultMarkdown.replace('## Support assets', '## Help').replace('## Progress log', '## Notes');
    try {
      loadTemplate('custom', withoutSections);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toContain('missing section heading "Support assets"');
      expect((error as Error).message).toContain('missing section heading "Progress log"');
    }
  });

  it('accepts reworded headings that still name the section', () => {
    const reworded = defaultMarkdown.replace('## Activities', '## Development activities').replace('## Goal state', '## Goal state (SMART)');
    expect(loadTemplate('custom', reworded).name).toBe('custom');
  });
});
