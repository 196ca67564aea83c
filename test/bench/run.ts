/**
 * `npm run bench`: runs every `*.bench.ts` beside this file (or those named on the command line).
 * Each exports a default async function that prints its own table; speed is measured here, never
 * asserted in tests.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { killAll, serviceProcesses, tagThisRun } from '../support/service-processes.js';
import { stopLoadService } from './load-service.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

// Every process the benchmarks start inherits this tag (server.ts passes it on).
const tag = tagThisRun();
try {
  for (const file of files) {
    console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<void> };
    await mod.default();
  }
} finally {
  await stopLoadService();
}
// Nothing the benchmarks started may outlive them (a server a crash run did not really kill, a
// wrangler, a browser): the run fails naming each, and ends them.
const left = serviceProcesses(tag);
if (left.length > 0) {
  console.error(`\nthe benchmarks left ${left.length} process(es) running (now killed):\n${left.map((p) => `  ${p.pid}: ${p.command}`).join('\n')}`);
  killAll(left);
  process.exit(1);
}
console.log('\nNo process of the service is left running.');
// Open handles (clients, timers) must not keep the run alive.
process.exit(0);
