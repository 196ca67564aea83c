import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../service/src/config.js';

/**
 * The README and docs/ link to each other, to screenshots and to sources (issue 24.10 moved most of
 * the README into docs/). A link that no longer resolves, or an anchor whose heading was renamed,
 * fails here instead of sending a newcomer nowhere.
 */
const ROOT = resolve(import.meta.dirname, '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks: a `# comment` in a shell block is not a heading, a link in it not a link. */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .filter((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      else if (!fenced) return true;
      return false;
    })
    .join('\n');
}

/** The anchors of a page's headings, as GitHub makes them (lower case, punctuation dropped, spaces to hyphens, repeats numbered). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = (heading ?? '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/** The relative targets a page links to: Markdown links and images, and HTML `src`/`href` attributes. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  const markdownLinks = [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
  const htmlLinks = [...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  return [...markdownLinks, ...htmlLinks].filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** Each link of `page` (a path from the repository root) that does not resolve, with why. */
function brokenLinks(page: string, read: (path: string) => string | undefined): string[] {
  const markdown = read(page) ?? '';
  return linkTargets(markdown).flatMap((target) => {
    const [path = '', anchor] = target.split('#');
    const file = path === '' ? page : relative(ROOT, resolve(ROOT, dirname(page), decodeURIComponent(path)));
    const text = read(file);
    if (text === undefined) return [`${page}: ${target} (no such file)`];
    if (anchor !== undefined && file.endsWith('.md') && !anchors(text).has(anchor)) return [`${page}: ${target} (no such heading)`];
    return [];
  });
}

/** The file paths a page names in backticks: a folder, a slash and a name with a source or config extension. */
function sourcePaths(markdown: string): string[] {
  return [...markdown.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.(?:ts|js|mjs|md|sql|json|jsonc|toml|astro|css|html))`/g)].map((m) => m[1] ?? '');
}

function readFromDisk(path: string): string | undefined {
  const full = join(ROOT, path);
  if (!existsSync(full)) return undefined;
  return path.endsWith('.md') ? readFileSync(full, 'utf8') : '';
}

describe('the README and docs/', () => {
  it('link only to files and headings that exist', () => {
    expect(PAGES.length).toBeGreaterThan(3);
    expect(PAGES.flatMap((page) => brokenLinks(page, readFromDisk))).toEqual([]);
  });

  it('reach every page of docs/ from the README', () => {
    const linked = new Set(PAGES.flatMap((page) => linkTargets(readFromDisk(page) ?? '').map((t) => relative(ROOT, resolve(ROOT, dirname(page), t.split('#')[0] ?? '')))));
    expect(PAGES.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([]);
  });

  it('catch a missing file, a renamed heading and a missing screenshot', () => {
    const pages: Record<string, string> = {
      'README.md': '# Title\n\n## Sign-in\n\nSee [Sign-in](#sign-in), [gone](#signin), [docs](docs/a.md#the-calendars-feed), [old](docs/b.md).\n',
      'docs/a.md': '# The calendar\'s feed\n\n![shot](screenshots/x.png) <img src="screenshots/y.png">\n\n```sh\n# not a heading [nor](a-link.md)\n```\n',
      'docs/screenshots/x.png': '',
    };
    const read = (path: string) => pages[path];
    expect(brokenLinks('README.md', read)).toEqual(['README.md: #signin (no such heading)', 'README.md: docs/b.md (no such file)']);
    expect(brokenLinks('docs/a.md', read)).toEqual(['docs/a.md: screenshots/y.png (no such file)']);
  });

  it('make anchors as GitHub does', () => {
    expect([...anchors("# The handbook's order: draft, align, share, agree\n## `HTTP` API in brief\n## Notes\n## Notes\n")]).toEqual([
      'the-handbooks-order-draft-align-share-agree',
      'http-api-in-brief',
      'notes',
      'notes-1',
    ]);
  });

  it('name only source files that exist', () => {
    // A path in backticks with a file's extension (`plans/poll-plan.ts`), from the repository's root,
    // from service/src/ (as the Layout writes them) or from test/: code moves, and its mentions must follow.
    const missing = PAGES.flatMap((page) =>
      sourcePaths(readFromDisk(page) ?? '')
        .filter((path) => !['', 'service/src', 'test', dirname(page)].some((base) => existsSync(join(ROOT, base, path))))
        .map((path) => `${page}: ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('see the source paths a page names', () => {
    expect(sourcePaths('Read `domain/status.ts` and `test/e2e/x.test.ts` (in `service/src/`), not `03/12/2026` or `text/calendar`.')).toEqual([
      'domain/status.ts',
      'test/e2e/x.test.ts',
    ]);
  });

  it('name every configuration variable in the configuration reference', () => {
    const reference = readFromDisk('docs/configuration.md') ?? '';
    // `NAME` or `NAME=value`; the Google roles are one row, `GOOGLE_ROLE_*`.
    const named = (name: string) => new RegExp(`\`${name}[\`=]`).test(reference) || (name.startsWith('GOOGLE_ROLE_') && reference.includes('`GOOGLE_ROLE_*`'));
    expect(Object.keys(configSchema.in.shape).filter((name) => !named(name))).toEqual([]);
  });
});
