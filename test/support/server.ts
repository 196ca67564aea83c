/**
 * Start the real Node service (`service/src/runtime/node.ts`, as `npm start` does) on a free port
 * with a fresh data folder, for end-to-end and browser tests and the crash benchmark.
 *
 * The server is `node --import tsx` itself, not the `tsx` command: that one is a wrapper that runs
 * the server as its child, so a SIGKILL ended the wrapper and left the server running as an orphan
 * (issue 20). It is also started in a process group of its own, and every signal goes to the
 * group, so nothing it starts outlives it either.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { groupGone, RUN_TAG } from './service-processes.js';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** The server's process id, which is also its process group's. */
  pid: number;
  /** Everything the server printed so far (for assertions on start-up messages). */
  output(): string;
  stop(): Promise<void>;
  /** End the process at once (SIGKILL: no clean-up, as a crash or an OOM kill), keeping its data folder. */
  kill(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');
/** Within vitest's hookTimeout (120 s): start servers in beforeAll, never inside a test. */
const START_MS = 100_000;
/** The entry point by its absolute path, so the process names this checkout (service-processes.ts). */
const ENTRY = ['--import', 'tsx', join(root, 'service/src/runtime/node.ts')];

/**
 * Servers still running. In groups of their own they are out of reach of the terminal's Ctrl-C, so
 * they are ended when this process ends or is interrupted (then the signal takes its usual course).
 */
const live = new Set<ChildProcess>();
const endLive = () => {
  for (const child of live) signalGroup(child, 'SIGKILL');
};
process.once('exit', endLive);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    endLive();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

function spawnService(env: Record<string, string>): ChildProcess {
  // The run's tag (service-processes.ts) goes along, so a server left running is found.
  const tag = process.env[RUN_TAG] ? { [RUN_TAG]: process.env[RUN_TAG] } : {};
  const child = spawn(process.execPath, ENTRY, { cwd: root, env: { ...tag, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Send `signal` to the server's process group (the server and anything it started). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {
    // Already gone.
  }
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * `publicHost` is the name browsers use for the service (its PUBLIC_URL); it listens on 127.0.0.1
 * either way. `localhost` puts it on another site than a provider on 127.0.0.1, as a real identity
 * provider is, so SameSite cookies meet the redirects they will meet in production.
 */
export async function startServer(env: Record<string, string> = {}, options: { publicHost?: 'localhost' } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'coaching-plans-'));
  const baseUrl = `http://${options.publicHost ?? '127.0.0.1'}:${port}`;
  const child = spawnService({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    POLL_INTERVAL_SECONDS: '3600',
    ...env,
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // Ready when it says so (an event, not a poll); the deadline only catches a hang, and is long
  // because a loaded machine may take most of a minute to compile the server.
  const listening = new Promise<void>((ready, fail) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) ready();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    void exited.then((code) => fail(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  let deadline: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      listening,
      new Promise<never>((_, fail) => (deadline = setTimeout(() => fail(new Error(`server did not start in ${START_MS / 1000} s:\n${output}`)), START_MS))),
    ]);
  } catch (error) {
    signalGroup(child, 'SIGKILL');
    await exited;
    if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    clearTimeout(deadline);
  }

  return {
    baseUrl,
    dataDir,
    pid: child.pid as number,
    output: () => output,
    async stop() {
      signalGroup(child, 'SIGTERM');
      await exited;
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      signalGroup(child, 'SIGKILL');
      await exited;
      // The group's other members (tsx's esbuild) get the same SIGKILL but may be reaped a moment
      // after the server itself on a loaded machine: give them that moment, no more.
      for (let waited = 0; !groupGone(child.pid as number) && waited < 5_000; waited += 50) await new Promise((done) => setTimeout(done, 50));
      if (!groupGone(child.pid as number)) throw new Error(`SIGKILL left a process of the server (group ${child.pid}) running`);
    },
  };
}

/**
 * Run the Node entry point and return what it printed and its exit code (for start-up failures).
 * The timeout only ends a server that did not stop; callers give their test a longer one.
 */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 100_000): Promise<{ code: number | null; output: string }> {
  const child = spawnService({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(await freePort()), ...env });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => signalGroup(child, 'SIGTERM'), timeoutMs);
  // 'close', not 'exit': by then everything it printed has been read.
  const code = await new Promise<number | null>((done) => child.once('close', (c) => done(c)));
  clearTimeout(timer);
  return { code, output };
}

/** The one-time code the server printed for the trial sign-in (`trial sign-in code: <code>`). */
export function trialCodeOf(server: RunningServer): string {
  const code = server.output().match(/trial sign-in code: (\S+)/)?.[1];
  if (!code) throw new Error(`the server printed no trial sign-in code:\n${server.output()}`);
  return code;
}
