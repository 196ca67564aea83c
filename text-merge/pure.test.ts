import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * This folder runs in three places: the service on Node, the service on Workers, and the browser's
 * editor (dashboard/build.mjs bundles it). So it imports only its own files: no package, no Node,
 * no DOM, nothing of the service or the dashboard.
 */
const DIR = import.meta.dirname;

describe('the text merge', () => {
  it('imports nothing but its own files', () => {
    const sources = readdirSync(DIR).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(sources.sort()).toEqual(['line-diff.ts', 'three-way-merge.ts']);
    const imports = sources.flatMap((file) =>
      [...readFileSync(join(DIR, file), 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => `${file}: ${match[1]}`),
    );
    expect(imports.filter((line) => !/: \.\/[\w-]+\.js$/.test(line))).toEqual([]);
  });
});
