// @ts-check
import { defineConfig } from 'astro/config';

/**
 * The dashboard is static HTML, CSS and a little TypeScript. The service serves `dist/` at `/`;
 * every page fetches its data from `/api/...` at run time with the caller's session cookie, so
 * nothing confidential is baked into the build.
 */
export default defineConfig({
  output: 'static',
  outDir: './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // Fonts are the system's; nothing is fetched from a third party at build or run time.
  vite: { build: { assetsInlineLimit: 0 } },
});
