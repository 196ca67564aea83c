import { FakeApiError } from './errors.js';

/**
 * The Notion-Version values the fake answers, and what each refuses. From Notion's upgrade guide
 * (https://developers.notion.com/docs/upgrade-guide-2026-03-11), whose table reads
 * "Before (2025-09-03) / After (2026-03-11)":
 * - Append block children: the `after` string parameter is replaced by the `position` object
 *   (`after_block`, `start`, `end`); "the endpoint no longer accepts a flat `after` parameter".
 * - "The `archived` field has been renamed to `in_trash` across all API responses and request
 *   parameters. This applies to pages, databases, blocks, and data sources."
 * - The `transcription` block type is renamed `meeting_notes`.
 * The guide gives the 2025-09-03 form of Append block children as `after` only; whether that version
 * also accepted `position` it does not say. The fake refuses it there (the stricter reading); the
 * service sends only 2026-03-11, so it is right either way.
 */
export const NOTION_VERSIONS = ['2025-09-03', '2026-03-11'] as const;
export type NotionVersion = (typeof NOTION_VERSIONS)[number];

export function parseVersion(header: string | null): NotionVersion {
  // https://developers.notion.com/reference/versioning: "Setting this header is required."
  if (!header) throw new FakeApiError(400, 'missing_version', 'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.');
  if (!(NOTION_VERSIONS as readonly string[]).includes(header)) {
    throw FakeApiError.validation(`Notion-Version header failed validation: the fake answers ${NOTION_VERSIONS.join(' and ')}, instead was \`${header}\`.`);
  }
  return header as NotionVersion;
}

const APPEND = /^\/v1\/blocks\/[^/]+\/children$/;
const notPresent = (key: string, version: NotionVersion, instead: string) =>
  FakeApiError.validation(`body failed validation: body.${key} should be not present (Notion-Version ${version}; use \`${instead}\`).`);

/** Body keys this version does not know, refused the way Notion refuses an undefined key. */
export function checkVersionedBody(version: NotionVersion, method: string, pathname: string, body: Record<string, unknown>): void {
  if (version === '2026-03-11') {
    if ('archived' in body) throw notPresent('archived', version, 'in_trash');
    if (method === 'PATCH' && APPEND.test(pathname) && 'after' in body) throw notPresent('after', version, 'position');
  } else if (method === 'PATCH' && APPEND.test(pathname) && 'position' in body) {
    throw notPresent('position', version, 'after');
  }
}

/** Block types stored under their 2026-03-11 names, and what 2025-09-03 called them. */
const OLD_BLOCK_NAMES: Record<string, string> = { meeting_notes: 'transcription' };
const TRASHABLE = new Set(['page', 'block', 'database', 'data_source']);

/**
 * The answer as this version shapes it: no `archived` on 2026-03-11 (only `in_trash`); on
 * 2025-09-03 both, and `meeting_notes` blocks under their old name `transcription`.
 */
export function shapeForVersion(version: NotionVersion, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => shapeForVersion(version, item));
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) out[key] = key === 'results' ? shapeForVersion(version, item) : item;
  if (!TRASHABLE.has(source.object as string)) return out;
  if (version === '2026-03-11') delete out.archived;
  else out.archived = source.in_trash ?? false;
  const oldName = typeof source.type === 'string' ? OLD_BLOCK_NAMES[source.type] : undefined;
  if (version === '2025-09-03' && source.object === 'block' && oldName) {
    out.type = oldName;
    out[oldName] = out[source.type as string];
    delete out[source.type as string];
  }
  return out;
}
