/**
 * The worker as users run it: `wrangler d1 migrations apply --local`, then `wrangler dev
 * --test-scheduled` (bundled by wrangler, run by workerd), on a free port with its own local D1.
 * wrangler is started directly in its own process group, and the whole group is stopped: killing
 * only the parent would leave workerd running.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { groupGone } from './service-processes.js';

const root = resolve(import.meta.dirname, '../..');
const wrangler = join(root, 'node_modules/.bin/wrangler');
const quiet = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' };

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface WorkerDev {
  url: string;
  output(): string;
  /** Resolves once `seen(output)` holds, checked as the worker prints (an event, not a delay); rejects after `timeoutMs`. */
  waitForOutput(seen: (output: string) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkerDev(vars: Record<string, string>): Promise<WorkerDev> {
  const state = mkdtempSync(join(tmpdir(), 'worker-dev-'));
  await promisify(execFile)(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: root, env: quiet });
  const port = await freePort();
  // Its own inspector port too: two workers (two test files, two worktrees) would both take 9229.
  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(await freePort()),
    '--test-scheduled',
    '--persist-to',
    state,
    '--show-interactive-dev-session=false',
  ];
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const child: ChildProcess = spawn(wrangler, args, { cwd: root, env: quiet, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const printed = new Set<() => void>();
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of printed) listener();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const waitForOutput = (seen: (output: string) => boolean, timeoutMs = 60_000) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (!seen(output)) return;
        printed.delete(check);
        clearTimeout(timer);
        done();
      };
      const timer = setTimeout(() => {
        printed.delete(check);
        fail(new Error(`wrangler dev did not print what was awaited in ${timeoutMs / 1000} s:\n${output.slice(-2000)}`));
      }, timeoutMs);
      printed.add(check);
      check();
    });

  const stop = async () => {
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      // Already gone.
    }
    const killed = setTimeout(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Gone by now.
      }
    }, 10_000);
    await exited;
    clearTimeout(killed);
    // workerd is wrangler's child and may take a moment longer than wrangler: wait for the whole
    // group (no exit event reaches us for a grandchild), then end whatever is left.
    for (let waited = 0; !groupGone(child.pid as number) && waited < 10_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
    rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + 240_000;
  while (!/Ready on http/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, waitForOutput, stop };
}
