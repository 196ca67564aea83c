import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from './config.js';

/**
 * Every variable of the configuration says what it is for where it is declared (issue 24.6), in
 * config.ts or in the part it composes: the schema is what a newcomer reads, and an editor shows the
 * comment on hover.
 */
const PARTS = ['./config.ts', './auth/sign-in-options.ts', './providers/google/options.ts', './providers/notion/options.ts', './reminders/options.ts'];
/** config.ts and the parts it composes: each declares its own variables. */
const source = PARTS.map((part) => readFileSync(new URL(part, import.meta.url), 'utf8')).join('\n');

/** The variables declared in `text` (one a line, two spaces in), each with whether a JSDoc comment ends right above it. */
function declarations(text: string): { name: string; documented: boolean }[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => {
    const name = /^ {2}([A-Z][A-Z0-9_]+): /.exec(line)?.[1];
    return name ? [{ name, documented: lines[i - 1]?.trimEnd().endsWith('*/') === true }] : [];
  });
}
const undocumented = (text: string) =>
  declarations(text)
    .filter((d) => !d.documented)
    .map((d) => d.name);

describe('the configuration', () => {
  it('documents every variable', () => {
    // The scan sees every variable the schema has, each declared once, so none escapes it (a new part
    // of the configuration joins PARTS, or this fails).
    expect(
      declarations(source)
        .map((d) => d.name)
        .sort(),
    ).toEqual(Object.keys(configSchema.in.shape).sort());
    expect(undocumented(source)).toEqual([]);
  });

  it('finds a variable without a comment', () => {
    expect(undocumented('  /** Where it listens. */\n  PORT: z.number(),\n  HOST: z.string(),\n')).toEqual(['HOST']);
  });
});
