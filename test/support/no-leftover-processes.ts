/**
 * vitest globalSetup: the suite fails when it leaves a process of the service running (a server a
 * test started and never stopped, or one that outlived a SIGKILL of its wrapper, as `tsx` once let
 * it). Only what this run started counts (it is tagged: service-processes.ts), not your own
 * `npm start`, a benchmark beside it, or another checkout's servers. The leftovers are reported,
 * then ended by process group so they do not outlive the run.
 */
import { killAll, serviceProcesses, tagThisRun } from './service-processes.js';

/** The root config and the node project (which extends it) both name this file: check once. */
const CHECKING = Symbol.for('coaching-plans.no-leftover-processes');

export default function noLeftoverProcesses(): (() => Promise<void>) | undefined {
  const shared = globalThis as { [CHECKING]?: true };
  if (shared[CHECKING]) return undefined;
  shared[CHECKING] = true;
  // Set before the test workers start: they, and all they start, inherit it.
  const tag = tagThisRun();
  return async () => {
    const left = serviceProcesses(tag);
    if (left.length === 0) return;
    killAll(left);
    process.exitCode = 1;
    throw new Error(`the suite left ${left.length} process(es) of the service running (now killed):\n${left.map((p) => `  ${p.pid} (group ${p.group}): ${p.command}`).join('\n')}`);
  };
}
