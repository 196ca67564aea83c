/**
 * Google's partial-response `fields` syntax (`a,b/c,d(e,f(g))`, `*`), checked against the response
 * schema of the discovery document: a misspelt field is a 400 in production, so it is one here too.
 * https://developers.google.com/workspace/drive/api/guides/fields-parameter
 */
export interface SchemaProperty {
  $ref?: string;
  type?: string;
  items?: SchemaProperty;
  properties?: Record<string, SchemaProperty>;
  additionalProperties?: SchemaProperty;
  readOnly?: boolean;
  description?: string;
}
export type Schemas = Record<string, SchemaProperty>;

interface Selection {
  path: string[];
  sub: Selection[] | undefined;
}

function parse(mask: string): Selection[] {
  let i = 0;
  const list = (): Selection[] => {
    const out: Selection[] = [];
    for (;;) {
      let token = '';
      while (i < mask.length && !',()'.includes(mask[i]!)) token += mask[i++];
      if (!token.trim()) throw new Error(`empty selection at ${i}`);
      let sub: Selection[] | undefined;
      if (mask[i] === '(') {
        i++;
        sub = list();
        if (mask[i] !== ')') throw new Error(`missing ) at ${i}`);
        i++;
      }
      out.push({ path: token.trim().split('/'), sub });
      if (mask[i] !== ',') return out;
      i++;
    }
  };
  const result = list();
  if (i !== mask.length) throw new Error(`unexpected "${mask[i]}" at ${i}`);
  return result;
}

/** The object schema a property leads to (through $ref, arrays and maps). */
function resolve(property: SchemaProperty | undefined, schemas: Schemas): SchemaProperty | undefined {
  let current = property;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.$ref) current = schemas[current.$ref];
    else if (current.type === 'array') current = current.items;
    else return current;
  }
  return current;
}

function check(selections: Selection[], schema: SchemaProperty | undefined, schemas: Schemas, trail: string): string | undefined {
  for (const selection of selections) {
    let current = schema;
    let where = trail;
    for (const name of selection.path) {
      where = where ? `${where}/${name}` : name;
      if (name === '*') {
        current = undefined;
        break;
      }
      const object = resolve(current, schemas);
      if (!object) break;
      const next = object.properties?.[name] ?? object.additionalProperties;
      if (!next) return `Invalid field selection ${where}`;
      current = next;
    }
    if (selection.sub && current) {
      const problem = check(selection.sub, current, schemas, where);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Undefined when the mask is valid for this response schema, else Google's complaint. */
export function checkFieldMask(mask: string, responseSchema: string, schemas: Schemas): string | undefined {
  let selections: Selection[];
  try {
    selections = parse(mask);
  } catch (error) {
    return `Invalid field selection: ${(error as Error).message}`;
  }
  return check(selections, schemas[responseSchema], schemas, '');
}

/** A parsed mask as a tree: `true` keeps the whole value, a map keeps those keys (`*` = every key). */
type MaskTree = true | Map<string, MaskTree>;

function merge(into: Map<string, MaskTree>, selections: Selection[]): void {
  for (const { path, sub } of selections) {
    let node = into;
    for (const [i, name] of path.entries()) {
      const last = i === path.length - 1;
      const existing = node.get(name);
      if (existing === true) break;
      if (last && !sub) {
        node.set(name, true);
        break;
      }
      const child = existing ?? new Map<string, MaskTree>();
      node.set(name, child);
      if (last && sub) merge(child, sub);
      node = child;
    }
  }
}

function prune(value: unknown, tree: MaskTree): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => prune(item, tree));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const selected = tree.get(key) ?? tree.get('*');
    if (selected !== undefined && item !== undefined) out[key] = prune(item, selected);
  }
  return out;
}

/**
 * The response as Google sends it for this `fields` mask: only what was asked for, so a client that
 * reads a field it never requested finds it missing here as it would in production. The mask must
 * have passed checkFieldMask.
 */
export function applyFieldMask(value: unknown, mask: string): unknown {
  const tree = new Map<string, MaskTree>();
  merge(tree, parse(mask));
  return prune(value, tree);
}
