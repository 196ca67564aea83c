/**
 * `node --import tsx --import ./register.mjs`: collects the trace of service functions started
 * (see trace-hooks.mjs). Registered after tsx, so its hook sees tsx's JavaScript.
 */
import { register } from 'node:module';

/** Each started function as [file, position, name]; `tracing` switches the recording on and off. */
globalThis.__codeWalkTrace = { tracing: false, events: [] };
globalThis.__codeWalk = (file, position, name) => {
  if (globalThis.__codeWalkTrace.tracing) globalThis.__codeWalkTrace.events.push([file, position, name]);
};
register('./trace-hooks.mjs', import.meta.url);
