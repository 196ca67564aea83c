/**
 * How far a newcomer travels to follow one request: the service source files a manager's
 * `POST /api/plans` on Google, and one scheduled cycle after an edit, run through, in order.
 * The walks run in a child process whose service code is traced (code-walk/trace-hooks.mjs adds a
 * call at the start of every function in service/src), so nothing else in the benchmarks is slowed
 * or changed. `CODE_WALK_ROUTE=1 npm run bench code-walk` also prints each route, file by file.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default async function codeWalkBench(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', here('./code-walk/register.mjs'), here('./code-walk/walks.ts')], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`the code walk stopped with exit code ${code}`);
}
