import { build, defineConfig, type Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@core': fileURLToPath(new URL('../src/core', import.meta.url)) };

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * The service worker (web/src/offline/sw.ts), built after the app into dist/sw.js as one classic
 * script, with the list of everything the app's build wrote (every lazy chunk and its CSS, the
 * MapLibre worker, the public files; not the source maps) to store on install, and a version
 * that changes whenever one of those files does. So every page opens offline once the app has
 * been opened online, not just the ones visited.
 */
function serviceWorker(): Plugin {
  let outDir = '';
  let publicDir = '';
  const written: string[] = [];
  return {
    name: 'lagesbild-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      publicDir = config.publicDir;
    },
    writeBundle(_options, bundle) {
      written.push(...Object.keys(bundle));
    },
    async closeBundle(error?: Error) {
      // A failed build wrote nothing to store: leave the worker of the last good build alone.
      if (error || written.length === 0) return;
      const publicFiles = filesUnder(publicDir).map((p) => relative(publicDir, p).split('\\').join('/'));
      const files = [...new Set([...written, ...publicFiles])]
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && f !== 'index.html')
        .map((f) => `/${f}`)
        .sort();
      const precache = ['/', ...files];
      // Hashed names change with their content; index.html and the public files are hashed here.
      const version = createHash('sha256');
      for (const f of ['index.html', ...files.map((f) => f.slice(1))]) version.update(f).update(readFileSync(join(outDir, f)));
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        resolve: { alias },
        define: { __PRECACHE__: JSON.stringify(precache), __SW_VERSION__: JSON.stringify(version.digest('hex').slice(0, 16)) },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          sourcemap: true,
          lib: { entry: join(root, 'src/offline/sw.ts'), formats: ['iife'], name: 'lagesbildServiceWorker', fileName: () => 'sw.js' },
        },
      });
    },
  };
}

// The browser app. `npm run build` writes web/dist, which the server serves; `npm run dev:web`
// serves it with hot reload and forwards /api to a running `lagesbild serve` on port 3000 (without
// the service worker, which is built only with the app).
export default defineConfig({
  root,
  publicDir: 'public',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: { alias },
  plugins: [serviceWorker()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' } },
});
