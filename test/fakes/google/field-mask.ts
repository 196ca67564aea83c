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
