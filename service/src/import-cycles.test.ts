import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No two source files import each other, however far round: a newcomer reads a file after what it
 * imports, and a loop has no such order (issue 24). Type-only imports count too: they tie the files
 * as much for a reader. The merge of Google's pacing into api/retry.ts (since folded into
 * api/client.ts) once closed a loop options.ts -> api/retry.ts -> api/auth.ts -> options.ts that no
 * other test saw.
 */
const REPO = resolve(import.meta.dirname, '../..');
/** The service, the dashboard (which imports the service's API types) and the merge both share. */
const SOURCE_DIRS = ['service/src', 'dashboard/src', 'text-merge'].map((dir) => join(REPO, dir));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.m?ts$/.test(entry.name) && !/\.test\.m?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's imports of other source files, by path from the repository's root. */
function importGraph(root: string): Map<string, string[]> {
  const files = SOURCE_DIRS.flatMap(sourceFiles);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const imported = [...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm)]
      .map((match) => resolve(dirname(file), (match[1] as string).replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts')))
      .filter((target) => known.has(target));
    graph.set(relative(root, file), [...new Set(imported.map((target) => relative(root, target)))]);
  }
  return graph;
}

/** One loop of imports, as the files in order back to the first, or null when there is none. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of [...graph.keys()].sort()) {
    if (state.has(file)) continue;
    const found = visit(file);
    if (found) return found;
  }
  return null;
}

describe('imports', () => {
  it('form no loop in the service, the dashboard or text-merge/', () => {
    const graph = importGraph(REPO);
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycle(graph)).toBeNull();
  });

  it('are read across lines and through type-only imports, so a loop of either kind is found', () => {
    const graph = new Map([
      ['options.ts', ['api/pacing.ts']],
      ['api/pacing.ts', ['api/auth.ts']],
      ['api/auth.ts', ['options.ts']],
      ['domain/dates.ts', []],
    ]);
    const loop = findCycle(graph) ?? [];
    expect(loop[0]).toBe(loop.at(-1));
    expect(new Set(loop)).toEqual(new Set(['options.ts', 'api/pacing.ts', 'api/auth.ts']));
    graph.set('api/auth.ts', []);
    expect(findCycle(graph)).toBeNull();
    // What the file reader takes from a multi-line, type-only import.
    const graphOfRepo = importGraph(REPO);
    expect(graphOfRepo.get('service/src/providers/google/options.ts')).toContain('service/src/providers/google/api/auth.ts');
    expect(graphOfRepo.get('dashboard/src/lib/types.ts')).toContain('service/src/http/api-types.ts');
    expect(graphOfRepo.get('dashboard/src/editor/text-changes.ts')).toContain('text-merge/three-way-merge.ts');
  });
});
