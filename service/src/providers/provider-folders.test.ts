import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One shape per provider folder (issue 24), so that a newcomer who has read one provider can read
 * the others: index.ts is the factory and only wires, and the behaviours of DocProvider open by
 * the same names in every folder. Helpers (api/, blocks/, convert.ts...) are free beside them.
 */
const PROVIDERS = import.meta.dirname;
const folders = readdirSync(PROVIDERS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every behaviour a newcomer looks for, as a file or (when bigger) a folder. */
const BEHAVIOURS = ['create', 'read', 'changes', 'sharing', 'document-edits'];
/** Remote providers also read their settings from the configuration and check the remote side. */
const REMOTE_ONLY = ['options', 'setup'];

const has = (folder: string, name: string) => existsSync(join(PROVIDERS, folder, `${name}.ts`)) || existsSync(join(PROVIDERS, folder, name));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('provider folders', () => {
  it('are local, google and notion', () => {
    expect(folders.sort()).toEqual(['google', 'local', 'notion']);
  });

  it.each(folders)('%s: index.ts is the factory, checked with satisfies, and only wires (it awaits nothing)', (folder) => {
    const index = readFileSync(join(PROVIDERS, folder, 'index.ts'), 'utf8');
    expect(index).toMatch(/export function \w+Provider\(/);
    expect(index).toMatch(/\} satisfies DocProvider;/);
    expect(index).not.toMatch(/\bawait\b/);
  });

  it.each(folders)('%s: create, read, changes, sharing and document-edits open by name', (folder) => {
    expect(BEHAVIOURS.filter((name) => !has(folder, name))).toEqual([]);
    if (folder !== 'local') expect(REMOTE_ONLY.filter((name) => !has(folder, name))).toEqual([]);
  });

  it.each(folders)('%s: no state at module level: caches belong to the provider instance', (folder) => {
    const found = sourceFiles(join(PROVIDERS, folder)).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^(export )?let\s/.test(line) || /^(export )?const\s[^=]+=\s*new (Map|WeakMap)\b/.test(line))
        .map((line) => `${file.slice(PROVIDERS.length + 1)}: ${line}`),
    );
    expect(found).toEqual([]);
  });
});
