/**
 * A module hook (node:module `register`) for the code-walk benchmark: every function in
 * service/src starts by telling `globalThis.__codeWalk` its file and position, so the benchmark
 * sees, in order, which source files one request runs through. It runs after tsx has turned the
 * TypeScript into JavaScript, and only in the benchmark's own child process.
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const SOURCE = '/service/src/';

/** `(url, context, nextLoad)`: let tsx compile, then add the trace call to each function body. */
export async function load(url, context, nextLoad) {
  // worker.ts imports the template as a text module, as wrangler bundles it (wrangler.toml's rules).
  if (url.endsWith('.md')) return { format: 'module', shortCircuit: true, source: `export default ${JSON.stringify(await readFile(new URL(url), 'utf8'))};` };
  const loaded = await nextLoad(url, context);
  const at = url.indexOf(SOURCE);
  if (at < 0 || url.includes('/node_modules/') || loaded.source == null) return loaded;
  const file = url.slice(at + SOURCE.length).replace(/\?.*$/, '');
  return { ...loaded, source: withTraceCalls(String(loaded.source), file) };
}

function withTraceCalls(source, file) {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const inserts = [];
  const visit = (node) => {
    // esbuild's own helpers (`__name`, which keeps function names) are not the service's code.
    if (ts.isFunctionLike(node) && node.body && !functionName(node, tree).startsWith('__')) {
      const call = `__codeWalk(${JSON.stringify(file)},${node.getStart(tree)},${JSON.stringify(functionName(node, tree))})`;
      if (ts.isBlock(node.body)) {
        inserts.push([node.body.getStart(tree) + 1, `${call};`]);
      } else {
        inserts.push([node.body.getStart(tree), `(${call},`]);
        inserts.push([node.body.getEnd(), ')']);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  inserts.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [position, text] of inserts) out = out.slice(0, position) + text + out.slice(position);
  return `const __codeWalk = globalThis.__codeWalk;\n${out}`;
}

/** The name a reader finds the function by: its own, or the variable or property it is assigned to. */
function functionName(node, tree) {
  const named = node.name ?? (node.parent && 'name' in node.parent ? node.parent.name : undefined);
  return named ? named.getText(tree) : '(anonymous)';
}
