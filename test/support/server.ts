/**
 * Start the real Node service (`service/src/runtime/node.ts`, as `npm start` does) on a free port
 * with a fresh data folder, for end-to-end and browser tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far (for assertions on start-up messages). */
  output(): string;
  stop(): Promise<void>;
  /** End the process at once (SIGKILL: no clean-up, as a crash or an OOM kill), keeping its data folder. */
  kill(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

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
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), ['service/src/runtime/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      POLL_INTERVAL_SECONDS: '3600',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  await new Promise<void>((ready, fail) => {
    const deadline = setTimeout(() => fail(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const check = setInterval(() => {
      if (output.includes('listening on')) {
        clearInterval(check);
        clearTimeout(deadline);
        ready();
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(deadline);
      fail(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    baseUrl,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Run the Node entry point and return what it printed and its exit code (for start-up failures). */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['service/src/runtime/node.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearTimeout(timer);
  return { code, output };
}

/** The one-time code the server printed for the trial sign-in (`trial sign-in code: <code>`). */
export function trialCodeOf(server: RunningServer): string {
  const code = server.output().match(/trial sign-in code: (\S+)/)?.[1];
  if (!code) throw new Error(`the server printed no trial sign-in code:\n${server.output()}`);
  return code;
}
