import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The browser app. `npm run build` writes web/dist, which the server serves; `npm run dev:web`
// serves it with hot reload and forwards /api to a running `lagesbild serve` on port 3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: 'public',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: { alias: { '@core': fileURLToPath(new URL('../src/core', import.meta.url)) } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' } },
});
