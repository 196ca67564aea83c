import { readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Where tests live (issue 24): unit tests beside their sources, the rest under test/, and every
 * test file's name said once in the repository, so `npx vitest run google-auth` (or a failure's
 * file name in a report) points at one file, never at two in different trees.
 */
const ROOT = resolve(import.meta.dirname, '..');
const TREES = ['service', 'test', 'dashboard', 'text-merge'];
const SKIP = new Set(['node_modules', 'dist', '.astro', '.wrangler', 'data']);

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The names that more than one test file has, each with its files. */
function repeatedNames(files: string[]): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const file of files) byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
  return Object.fromEntries([...byName].filter(([, paths]) => paths.length > 1));
}

describe('the test files', () => {
  it('each have a name no other test file has', () => {
    const files = TREES.flatMap((tree) => testFiles(tree)).map((file) => relative(ROOT, join(ROOT, file)));
    expect(files.length).toBeGreaterThan(100);
    expect(repeatedNames(files)).toEqual({});
  });

  it('are told apart by name, not by folder', () => {
    expect(repeatedNames(['test/google/create.test.ts', 'test/notion/create.test.ts', 'test/notion/read.test.ts'])).toEqual({
      'create.test.ts': ['test/google/create.test.ts', 'test/notion/create.test.ts'],
    });
  });
});
