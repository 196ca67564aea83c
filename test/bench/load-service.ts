/**
 * The service with 5,000 plans (load-server.ts) in a child process, started once per `npm run bench`
 * and shared by the benchmarks that need it (seeding takes a minute or more), stopped when the
 * benchmarks end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface LoadService {
  /** The service (API and dashboard). */
  origin: string;
  /** The bare Hono route that answers captured bytes. */
  bare: string;
  plans: number;
  seedSeconds: number;
  firstPollSeconds: number;
}

let started: Promise<LoadService> | null = null;
let child: ChildProcess | null = null;

export function loadService(): Promise<LoadService> {
  started ??= (async () => {
    child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'load-server.ts')], {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    process.once('exit', () => child?.kill('SIGTERM'));
    for await (const line of createInterface({ input: child.stdout! })) {
      if (!line.startsWith('{')) continue;
      const ready = JSON.parse(line) as { port: number; barePort: number; plans: number; seedSeconds: number; firstPollSeconds: number };
      return { origin: `http://127.0.0.1:${ready.port}`, bare: `http://127.0.0.1:${ready.barePort}`, ...ready };
    }
    throw new Error('the load server exited before it listened');
  })();
  return started;
}

/** Stop the load server, if one was started, and wait until it has exited. */
export async function stopLoadService(): Promise<void> {
  const running = child;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((done) => running.once('exit', done));
  running.kill('SIGTERM');
  await exited;
}
