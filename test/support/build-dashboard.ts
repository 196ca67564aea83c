/**
 * vitest globalSetup of the projects that serve the built dashboard (browser, wrangler): builds it
 * first, as `npm run build` does, so they test the sources as they are now and a fresh clone needs
 * no step of its own. The other projects never need dashboard/dist and skip the build. vitest calls
 * a project's global setup only when that project has tests to run.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
/** Both projects name this file, and both may run in one `npm test`: build once per run. */
const BUILT = Symbol.for('coaching-plans.dashboard-built');

export default function buildDashboard(): void {
  const shared = globalThis as { [BUILT]?: true };
  if (shared[BUILT]) return;
  execFileSync(process.execPath, [join(root, 'dashboard/build.mjs')], { cwd: root, stdio: 'inherit' });
  shared[BUILT] = true;
}
