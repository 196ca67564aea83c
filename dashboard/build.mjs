// `npm run build`: builds the dashboard into dashboard/dist. Astro's anonymous telemetry is switched
// off here so a build makes no request to a third party (and none is attempted on offline machines).
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const { fileURLToPath } = await import('node:url');
const { build } = await import('astro');
await build({ root: fileURLToPath(new URL('.', import.meta.url)), logLevel: process.env.ASTRO_LOG_LEVEL ?? 'warn' });
