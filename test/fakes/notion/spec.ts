import { readFileSync } from 'node:fs';
import { FakeApiError } from './errors.js';
import { SUPPORTED_BLOCKS } from './limits.js';

interface SpecOperation {
  method: string;
  pattern: RegExp;
  query: Set<string>;
  body: Set<string>;
}

/** Notion's OpenAPI file (test/specs/notion-openapi.json): the operations the real API defines. */
function loadSpec(): SpecOperation[] {
  const file = new URL('../../specs/notion-openapi.json', import.meta.url);
  const spec = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<
      string,
      Record<string, { parameters?: { name?: string; in?: string }[]; requestBody?: { content?: { 'application/json'?: { schema?: { properties?: Record<string, unknown> } } } } }>
    >;
  };
  const ops: SpecOperation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'patch', 'delete', 'put'].includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        pattern,
        query: new Set((op.parameters ?? []).filter((p) => p.in === 'query' && p.name).map((p) => p.name!)),
        body: new Set(Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {})),
      });
    }
  }
  return ops;
}

let operations: SpecOperation[] | undefined;

/**
 * Body keys Notion's reference documents for API version 2025-09-03 that the OpenAPI file (partial,
 * see test/specs/SOURCES.md) leaves out. Each is in Notion's own reference, linked; a key only
 * an SDK knows is not here.
 */
const DOCUMENTED_BODY_KEYS: { method: string; pattern: RegExp; keys: readonly string[] }[] = [
  // https://developers.notion.com/reference/post-page (template, position) and the templates guide.
  { method: 'POST', pattern: /^\/v1\/pages$/, keys: ['template', 'position'] },
  // https://developers.notion.com/reference/patch-page (is_locked, template, erase_content).
  { method: 'PATCH', pattern: /^\/v1\/pages\/[^/]+$/, keys: ['is_locked', 'template', 'erase_content'] },
  // https://developers.notion.com/reference/patch-block-children: `position` (2026-03-11) beside the
  // OpenAPI file's `after` (2025-09-03); versions.ts refuses each under the other version.
  { method: 'PATCH', pattern: /^\/v1\/blocks\/[^/]+\/children$/, keys: ['position'] },
  // https://developers.notion.com/reference/update-a-block: the block type's object, and in_trash.
  { method: 'PATCH', pattern: /^\/v1\/blocks\/[^/]+$/, keys: ['in_trash', ...SUPPORTED_BLOCKS] },
];

/** The SDK's endpoint definition: the parameters its types allow. */
export interface SdkEndpoint {
  method: string;
  queryParams: readonly string[];
  bodyParams: readonly string[];
}

/**
 * A request must be an operation of Notion's OpenAPI file (method and path), and its query and
 * body keys must be ones the spec names: what the API defines, not what the SDK happens to send
 * (an SDK may know keys the API refuses). Otherwise Notion's answers: 400 invalid_request_url,
 * 400 validation_error. The SDK's endpoint only says which route the fake serves.
 */
export function checkRequestShape(method: string, pathname: string, query: string[], body: string[], sdk: SdkEndpoint | undefined): void {
  operations ??= loadSpec();
  const op = operations.find((o) => o.method === method && o.pattern.test(pathname));
  if (!op || !sdk || sdk.method.toUpperCase() !== method) throw new FakeApiError(400, 'invalid_request_url', 'Invalid request URL.');
  for (const key of query) {
    if (!op.query.has(key)) throw FakeApiError.validation(`query failed validation: query.${key} should be not present.`);
  }
  const documented = DOCUMENTED_BODY_KEYS.find((d) => d.method === method && d.pattern.test(pathname))?.keys ?? [];
  for (const key of body) {
    if (!op.body.has(key) && !documented.includes(key)) throw FakeApiError.validation(`body failed validation: body.${key} should be not present.`);
  }
}
