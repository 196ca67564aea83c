/**
 * The processes of this checkout's service that are running: the Node server (`runtime/node.ts`,
 * the benchmarks' `load-server.ts`) and the worker (`wrangler`, `workerd`). Read from /proc, so
 * only on Linux (elsewhere: none found, nothing checked).
 *
 * A process counts when it carries this run's tag in its environment (RUN_TAG, set by the run
 * that looks: the test suite's global setup, `npm run bench`) and belongs to this checkout (its
 * command line names the checkout's absolute path, or it runs in the checkout's folder). So another
 * checkout's servers (other worktrees on the same machine), or a benchmark running beside the tests
 * in this one, are never counted, reported or signalled.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

export const CHECKOUT = resolve(import.meta.dirname, '../..');

/** The environment variable that tags every process a run starts (inherited, or passed on by server.ts). */
export const RUN_TAG = 'COACHING_PLANS_RUN';

/** Tag the processes this run starts from now on; returns the tag. */
export function tagThisRun(): string {
  process.env[RUN_TAG] ??= `${process.pid}-${Date.now()}`;
  return process.env[RUN_TAG];
}

function tagged(pid: number, tag: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`${RUN_TAG}=${tag}`);
  } catch {
    return false;
  }
}

/** What a service process is, by its command line (with the browser the tests and benchmarks drive). */
const SERVICE = /runtime\/node\.ts|test\/bench\/load-server\.ts|wrangler|workerd|chrom(?:e|ium)/;

export interface ServiceProcess {
  pid: number;
  /** The process group (a server is started in a group of its own: see server.ts). */
  group: number;
  command: string;
}

/** `/proc/<pid>/stat`'s fields after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function belongsHere(pid: number, command: string, checkout: string): boolean {
  if (command.includes(`${checkout}/`)) return true;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === checkout;
  } catch {
    return false;
  }
}

/**
 * The service processes of `checkout` that the run tagged `tag` started and that are running now,
 * except this process and its ancestors, and
 * except what this process runs in its own process group (vitest's pool workers run workerd for the
 * D1 suites and end it after the global teardown). Servers and wrangler are started in groups of
 * their own (server.ts, wrangler.ts), and an orphan no longer descends from this process: those
 * always count.
 */
export function serviceProcesses(tag: string, checkout = CHECKOUT): ServiceProcess[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
  const parentOf = new Map<number, number>();
  for (const pid of pids) parentOf.set(pid, Number(statFields(pid)?.[1] ?? 0));
  const ancestors = new Set<number>();
  for (let pid = process.pid; pid > 1 && !ancestors.has(pid); pid = parentOf.get(pid) ?? 0) ancestors.add(pid);
  const descendsFromUs = (pid: number) => {
    for (let up = parentOf.get(pid) ?? 0, steps = 0; up > 1 && steps < 64; up = parentOf.get(up) ?? 0, steps++) if (up === process.pid) return true;
    return false;
  };
  const ownGroup = Number(statFields(process.pid)?.[2] ?? 0);
  const found: ServiceProcess[] = [];
  for (const pid of pids) {
    if (ancestors.has(pid)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // Gone while we looked.
    }
    const fields = statFields(pid);
    // A zombie has exited: only its parent's bookkeeping is left.
    if (!command || !fields || fields[0] === 'Z' || !SERVICE.test(command) || !belongsHere(pid, command, checkout) || !tagged(pid, tag)) continue;
    const group = Number(fields[2]);
    if (group === ownGroup && descendsFromUs(pid)) continue;
    found.push({ pid, group, command });
  }
  return found;
}

/** True when no process of the group `group` exists any more (a SIGKILLed server and all it started). */
export function groupGone(group: number): boolean {
  try {
    process.kill(-group, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * SIGKILL these processes and their groups, never the caller's own group (a process left in it
 * is ended alone).
 */
export function killAll(processes: ServiceProcess[]): void {
  const own = Number(statFields(process.pid)?.[2] ?? 0);
  for (const target of processes) {
    try {
      if (target.group > 1 && target.group !== own) process.kill(-target.group, 'SIGKILL');
      else process.kill(target.pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}
