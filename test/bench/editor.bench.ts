/**
 * The local document editor (issue 13): the JavaScript its page loads, in KB gzip (budget 150; the
 * page's only script is /editor/editor.js, no inline script), and the service's three-way merge on
 * a document at the 60,000-character limit.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mergeThreeWay } from '../../text-merge/three-way-merge.js';

const root = resolve(import.meta.dirname, '../..');
const bundle = join(root, 'dashboard/dist/editor/editor.js');
const BUDGET_KB = 150;

function timed(run: () => unknown, times = 20): number {
  const spans: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    spans.push(performance.now() - t0);
  }
  return spans.sort((a, b) => a - b)[Math.floor(times / 2)] as number;
}

export default async function editorBench(): Promise<void> {
  if (!existsSync(bundle)) execFileSync(process.execPath, [join(root, 'dashboard/build.mjs')], { cwd: root, stdio: 'inherit' });
  const js = readFileSync(bundle);
  const css = readFileSync(join(root, 'dashboard/dist/editor/editor.css'));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const gz = gzipSync(js).length;

  // A document at the size limit: 1,000 table rows; two people edit rows far apart, then the same row.
  const lines = Array.from({ length: 1000 }, (_, i) => `| 2026-12-${String((i % 28) + 1).padStart(2, '0')} | Update number ${i} with some words | Ana |`);
  const base = lines.join('\n').slice(0, 60_000);
  const edit = (row: number, text: string) =>
    base
      .split('\n')
      .map((l, i) => (i === row ? text : l))
      .join('\n');
  const theirs = edit(10, '| changed by Ben |');
  const mine = edit(900, '| changed by Ana |');
  const clash = edit(10, '| also changed by Ana |');

  console.log('| measure | value | budget | within |');
  console.log('|---|---|---|---|');
  console.log(`| editor page JS, gzip (/editor/editor.js, the page's only script) | ${kb(gz)} | ${BUDGET_KB} KB | ${gz <= BUDGET_KB * 1024 ? 'yes' : 'NO'} |`);
  console.log(`| editor page JS, minified | ${kb(js.length)} | - | - |`);
  console.log(`| editor page CSS, gzip | ${kb(gzipSync(css).length)} | - | - |`);
  console.log(`| three-way merge, ${base.length} characters, edits far apart (median of 20) | ${timed(() => mergeThreeWay(base, theirs, mine)).toFixed(1)} ms | - | - |`);
  console.log(`| three-way merge, ${base.length} characters, same line (conflict, median of 20) | ${timed(() => mergeThreeWay(base, theirs, clash)).toFixed(1)} ms | - | - |`);
}
