/**
 * Checks every request the fake receives against Google's discovery documents (test/specs):
 * the method and path must exist, every query parameter must be defined (method or global), required
 * ones present, enum and boolean/integer values valid, and the JSON body's top-level fields known.
 */
import { readFileSync } from 'node:fs';
import { checkFieldMask, type Schemas } from './field-mask.js';

interface DiscoveryParameter {
  type?: string;
  location?: string;
  required?: boolean;
  enum?: string[];
  repeated?: boolean;
  minimum?: string;
  maximum?: string;
}
interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  path: string;
  parameters?: Record<string, DiscoveryParameter>;
  request?: { $ref: string };
  response?: { $ref: string };
  mediaUpload?: { protocols: { simple?: { path: string } } };
}
interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}
interface DiscoveryDocument {
  servicePath: string;
  parameters: Record<string, DiscoveryParameter>;
  resources: Record<string, DiscoveryResource>;
  schemas: Schemas;
}

export interface Route {
  /** Discovery method id, e.g. `drive.permissions.create`. */
  id: string;
  httpMethod: string;
  pattern: RegExp;
  pathParams: string[];
  parameters: Record<string, DiscoveryParameter>;
  bodyFields: Set<string> | undefined;
  /** Body fields the schema marks output-only (`readOnly`, or described "Output only."). */
  outputOnlyFields: Set<string>;
  api: 'drive' | 'docs';
  upload: boolean;
  responseSchema: string | undefined;
  schemas: Schemas;
}

export interface MatchedRoute {
  route: Route;
  params: Record<string, string>;
}

const specsDir = new URL('../../specs/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, specsDir), 'utf8')) as DiscoveryDocument;

function collect(resource: DiscoveryResource, out: DiscoveryMethod[]): void {
  out.push(...Object.values(resource.methods ?? {}));
  for (const child of Object.values(resource.resources ?? {})) collect(child, out);
}

function compile(template: string): { source: string; names: string[] } {
  const names: string[] = [];
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const source = escaped.replace(/\{\+?([A-Za-z]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/:]+)';
  });
  return { source, names };
}

function routesFor(doc: DiscoveryDocument, api: Route['api'], root: string): Route[] {
  const methods: DiscoveryMethod[] = [];
  for (const resource of Object.values(doc.resources)) collect(resource, methods);
  const base = new URL(doc.servicePath, root).pathname;
  return methods.flatMap((method) => {
    const parameters = { ...doc.parameters, ...(method.parameters ?? {}) };
    const schema = method.request ? doc.schemas[method.request.$ref] : undefined;
    const bodyFields = schema?.properties ? new Set(Object.keys(schema.properties)) : undefined;
    const outputOnlyFields = new Set(
      Object.entries(schema?.properties ?? {})
        .filter(([, property]) => property.readOnly === true || property.description?.startsWith('Output only.') === true)
        .map(([name]) => name),
    );
    const make = (path: string, upload: boolean): Route => {
      const { source, names } = compile(path);
      return {
        id: method.id,
        httpMethod: method.httpMethod,
        pattern: new RegExp(`^${source}$`),
        pathParams: names,
        parameters,
        bodyFields,
        outputOnlyFields,
        api,
        upload,
        responseSchema: method.response?.$ref,
        schemas: doc.schemas,
      };
    };
    const plain = make(base + method.path, false);
    const simple = method.mediaUpload?.protocols.simple?.path;
    return simple ? [plain, make(new URL(simple.replace(/^\//, ''), root).pathname, true)] : [plain];
  });
}

export class DiscoveryValidator {
  private readonly routes: Route[];
  constructor(roots: { drive: string; docs: string }) {
    this.routes = [...routesFor(load('google-drive-v3.discovery.json'), 'drive', roots.drive), ...routesFor(load('google-docs-v1.discovery.json'), 'docs', roots.docs)]
      // Literal paths first: `files/generateIds` before `files/{fileId}`.
      .sort((a, b) => a.pathParams.length - b.pathParams.length);
  }

  /** The discovery method this request calls, or the reason it is not one. */
  match(method: string, url: URL): MatchedRoute | { error: string } {
    const path = decodeURIComponent(url.pathname);
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.httpMethod !== method) continue;
      const params = Object.fromEntries(route.pathParams.map((name, i) => [name, found[i + 1] ?? '']));
      const error = this.checkQuery(route, url.searchParams);
      return error ? { error } : { route, params };
    }
    return { error: pathMatched ? `Method ${method} is not defined for ${path}` : `No API method has the path ${path}` };
  }

  private checkQuery(route: Route, query: URLSearchParams): string | undefined {
    for (const [name, value] of query) {
      const parameter = route.parameters[name];
      if (!parameter || parameter.location === 'path')
        return `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message (${route.id}).`;
      if (parameter.enum && !parameter.enum.includes(value)) return `Invalid value at '${name}' (${route.id}): "${value}" is not one of ${parameter.enum.join(', ')}`;
      if (parameter.type === 'boolean' && value !== 'true' && value !== 'false') return `Invalid value at '${name}' (TYPE_BOOL), "${value}"`;
      if (parameter.type === 'integer' && !/^-?\d+$/.test(value)) return `Invalid value at '${name}' (TYPE_INT32), "${value}"`;
      const outOfRange =
        (parameter.minimum !== undefined && Number(value) < Number(parameter.minimum)) || (parameter.maximum !== undefined && Number(value) > Number(parameter.maximum));
      if (parameter.type === 'integer' && outOfRange)
        return `Invalid value '${value}'. Values must be within the range: [${parameter.minimum ?? ''}, ${parameter.maximum ?? ''}] (${name}, ${route.id})`;
      if (name === 'fields' && route.responseSchema) {
        const problem = checkFieldMask(value, route.responseSchema, route.schemas);
        if (problem) return `${problem} (${route.id})`;
      }
    }
    for (const [name, parameter] of Object.entries(route.parameters)) {
      if (parameter.required && parameter.location === 'query' && !query.has(name)) return `Required parameter: ${name} (${route.id})`;
    }
    return undefined;
  }

  /** Top-level fields of a JSON body that only Google sets (`owners` on a file, `id` on a permission). */
  outputOnlyBodyFields(route: Route, body: unknown): string[] {
    if (typeof body !== 'object' || body === null) return [];
    return Object.keys(body).filter((key) => route.outputOnlyFields.has(key));
  }

  /** Unknown top-level fields of a JSON body. */
  unknownBodyFields(route: Route, body: unknown): string[] {
    if (!route.bodyFields || typeof body !== 'object' || body === null) return [];
    return Object.keys(body).filter((key) => !route.bodyFields?.has(key));
  }
}
