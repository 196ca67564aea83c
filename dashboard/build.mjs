// `npm run build`: builds the dashboard into dashboard/dist, then the local document editor's script
// (CodeMirror, bundled and minified by esbuild) into dashboard/dist/editor/. Astro's anonymous
// telemetry is switched off here so a build makes no request to a third party (and none is attempted
// on offline machines).
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const { fileURLToPath } = await import('node:url');
const { build } = await import('astro');
const esbuild = await import('esbuild');
const root = fileURLToPath(new URL('.', import.meta.url));
await build({ root, logLevel: process.env.ASTRO_LOG_LEVEL ?? 'warn' });
await esbuild.build({
  entryPoints: [`${root}src/editor/main.ts`],
  outfile: `${root}dist/editor/editor.js`,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
