import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A clone must test itself: every fixture, API description and template a test or a source reads
 * sits inside the repository (issue 20: the suite once read `../shared/...`, beside the checkout,
 * and failed at import time anywhere else). This reads the code, not the disk at run time, so a path
 * that only some test branch takes is caught too.
 */
const ROOT = resolve(import.meta.dirname, '..');
const TREES = ['service', 'test', 'dashboard', 'templates'];
const SKIP = new Set(['node_modules', 'dist', '.astro', '.wrangler', 'data']);
const CODE = /\.(ts|mts|mjs|js|astro)$/;

/** A relative path in a string literal (or a template literal's fixed start) that a file might read or import. */
const RELATIVE_LITERAL = /['"`]((?:\.\.?\/)+[^'"`$\n]*)/g;
/** Names of the folder beside the checkout the fixtures came from; no code may point there again. */
const OUTSIDE_NAMES = /(?:^|[^\w-])shared\/(?:fixtures|specs)\b|\/work\/shared\b/;

/** What in this file (at `file`, relative to the root) reaches outside the repository. */
function outsideReads(file: string, source: string, root = ROOT): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(RELATIVE_LITERAL)) {
    const target = resolve(dirname(join(root, file)), match[1] as string);
    if (target !== root && !target.startsWith(root + sep)) found.push(`reads ${match[1]} (outside the repository)`);
  }
  if (OUTSIDE_NAMES.test(source)) found.push('names the shared folder beside the checkout');
  return found;
}

function codeFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

describe('the repository is self-contained', () => {
  it('no test, fake, source or config reads a file outside the repository', () => {
    const rootFiles = readdirSync(ROOT).filter((name) => CODE.test(name));
    // This file's own examples below are the one exception.
    const files = [...TREES.flatMap((tree) => codeFiles(tree)), ...rootFiles].filter((file) => file !== relative(ROOT, import.meta.filename));
    expect(files.length).toBeGreaterThan(200);
    const offences = files.flatMap((file) => outsideReads(file, readFileSync(join(ROOT, file), 'utf8')).map((what) => `${relative(ROOT, join(ROOT, file))}: ${what}`));
    expect(offences).toEqual([]);
  });

  it('recognises a read from beside the checkout, and not one from inside it', () => {
    expect(outsideReads('test/fakes/google/fake.ts', "readFileSync(new URL('../../../../shared/fixtures/google/x.html', import.meta.url))")).toEqual([
      'reads ../../../../shared/fixtures/google/x.html (outside the repository)',
      'names the shared folder beside the checkout',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal.
    expect(outsideReads('service/src/providers/notion/x.test.ts', 'new URL(`../../../../../fixtures/${name}`, import.meta.url)')).toEqual([
      'reads ../../../../../fixtures/ (outside the repository)',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text under test holds a template literal.
    expect(outsideReads('service/src/providers/notion/x.test.ts', "new URL(`../../../../test/fixtures/notion/${name}`, import.meta.url); import '../../domain/plan.js';")).toEqual(
      [],
    );
    expect(outsideReads('test/x.ts', "const dir = '/work/shared';")).toEqual(['names the shared folder beside the checkout']);
  });
});
