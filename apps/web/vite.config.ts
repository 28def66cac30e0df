import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://127.0.0.1:3000';

/**
 * The web app, built into dist/web (the API serves it at `/`). Vite 8's own Oxc transform
 * compiles the TSX with React's automatic JSX runtime, so no React plugin is needed.
 * `npx vite --config apps/web/vite.config.ts` serves it in development against an API on
 * API_URL (http://127.0.0.1:3000 by default).
 */
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/auth': api,
      '/calendar': api,
    },
  },
});
