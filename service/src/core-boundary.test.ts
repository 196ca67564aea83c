import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core runs on Workers as well as Node, so only these files may touch Node: the Node entry
 * point and its SMTP channel, the SQLite driver and the local provider's file access. Everything
 * else uses Web APIs.
 */
const NODE_ONLY = new Set(['runtime/node.ts', 'runtime/smtp-channel.ts', 'store/sqlite.ts', 'providers/local/file-blobs.ts']);
/** Packages that need Node's sockets or files: the core must not import them either. */
const NODE_PACKAGES = new Set(['nodemailer', 'better-sqlite3', '@hono/node-server']);
const SRC = import.meta.dirname;

const NODE_GLOBALS = [
  [/\bBuffer\b/, 'Buffer (use Uint8Array, TextEncoder, atob/btoa)'],
  [/\bprocess\s*[.[]/, 'process (configuration arrives as an env object)'],
  [/\b__dirname\b|\b__filename\b|import\.meta\.(dirname|filename)/, 'a file path of the module'],
  [/\bNodeJS\./, 'a NodeJS type'],
  [/\brequire\s*\(/, 'require()'],
  [/\bsetImmediate\b|\bglobal\./, 'a Node-only global'],
] as const;

/** Comments may talk about processes and buffers; only code counts. `//` after a colon is a URL. */
const stripComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');

/** What in this file keeps it from running on Workers (empty when nothing). */
function nodeUses(file: string, source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
    const specifier = match[1] as string;
    const bare = specifier.replace(/^node:/, '').split('/')[0] as string;
    if (
      specifier.startsWith('node:') ||
      builtinModules.includes(bare) ||
      NODE_PACKAGES.has(
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      )
    )
      found.push(`imports ${specifier}`);
    if (specifier.startsWith('.')) {
      const target = relative(SRC, resolve(dirname(join(SRC, file)), specifier)).replace(/\.js$/, '.ts');
      if (NODE_ONLY.has(target)) found.push(`imports the Node-only ${target}`);
    }
  }
  for (const [pattern, what] of NODE_GLOBALS) if (pattern.test(code)) found.push(`uses ${what}`);
  return found;
}

function coreFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(path);
    const file = relative(SRC, path);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') && !NODE_ONLY.has(file) ? [file] : [];
  });
}

describe('the core runs on Workers', () => {
  it('no core file imports a Node module or uses a Node global', () => {
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(50);
    const offences = files.flatMap((file) => nodeUses(file, readFileSync(join(SRC, file), 'utf8')).map((use) => `${file}: ${use}`));
    expect(offences).toEqual([]);
  });

  it('recognises what would break on Workers, and not a comment or a URL', () => {
    expect(nodeUses('plans/x.ts', "import { readFile } from 'node:fs/promises';\nconst b = Buffer.from('x');")).toEqual([
      'imports node:fs/promises',
      'uses Buffer (use Uint8Array, TextEncoder, atob/btoa)',
    ]);
    expect(nodeUses('plans/x.ts', "import { join } from 'path';\nconst port = process.env.PORT;")).toEqual([
      'imports path',
      'uses process (configuration arrives as an env object)',
    ]);
    expect(nodeUses('plans/x.ts', "import { openSqliteStore } from '../store/sqlite.js';")).toEqual(['imports the Node-only store/sqlite.ts']);
    expect(nodeUses('reminders/x.ts', "import nodemailer from 'nodemailer';\nimport { smtpChannel } from '../runtime/smtp-channel.js';")).toEqual([
      'imports nodemailer',
      'imports the Node-only runtime/smtp-channel.ts',
    ]);
    expect(nodeUses('plans/x.ts', "// a second process may run; Buffer is not used\nconst url = 'https://x.test/a'; /* process.env */")).toEqual([]);
  });
});

/** The files of a folder in service/src that others import from it (relative to service/src). */
function importsInto(folder: string): string[] {
  return coreFiles().flatMap((file) => {
    if (file.startsWith(folder)) return [];
    const code = stripComments(readFileSync(join(SRC, file), 'utf8'));
    return [...code.matchAll(/\bfrom\s*['"](\.[^'"]+)['"]/g)]
      .map((match) => relative(SRC, resolve(dirname(join(SRC, file)), match[1] as string)).replace(/\.js$/, '.ts'))
      .filter((target) => target.startsWith(folder))
      .map((target) => `${file} -> ${target}`);
  });
}

describe('a provider folder is reached through its front door', () => {
  it('Google: other code imports providers/google/index.ts (and options.ts, for configuration), never its insides', () => {
    const reached = importsInto('providers/google/');
    expect(reached.some((edge) => edge.startsWith('reminders/gmail.ts -> providers/google/index.ts'))).toBe(true);
    expect(reached.filter((edge) => !/-> providers\/google\/(index|options)\.ts$/.test(edge))).toEqual([]);
  });

  it('Notion: the same, providers/notion/index.ts and options.ts only', () => {
    const reached = importsInto('providers/notion/');
    expect(reached.some((edge) => edge.endsWith('-> providers/notion/index.ts'))).toBe(true);
    expect(reached.filter((edge) => !/-> providers\/notion\/(index|options)\.ts$/.test(edge))).toEqual([]);
  });

  it('local: providers/local/index.ts only (its Node file store, file-blobs.ts, is for runtime/node.ts)', () => {
    const reached = importsInto('providers/local/');
    expect(reached).toContain('runtime/worker.ts -> providers/local/index.ts');
    expect(reached.filter((edge) => !edge.endsWith('-> providers/local/index.ts'))).toEqual([]);
  });
});
