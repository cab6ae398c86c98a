import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The two pages are separate entries (each its own index.html) sharing hashed chunks in /assets/,
// which the API serves with a year-long immutable cache; the HTML itself is revalidated every time.
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    // Chart.js alone is ~200 kB minified before tree-shaking; what is left stays well under this.
    chunkSizeWarningLimit: 300,
    rollupOptions: {
      input: {
        dashboard: resolve(here, 'dashboard/index.html'),
        station: resolve(here, 'station/index.html'),
        shop: resolve(here, 'shop/index.html'),
        admin: resolve(here, 'admin/index.html'),
      },
      // Chart.js in a chunk of its own: the county console's pages and the chart each stay under the
      // limit, and a change to the console does not make browsers fetch the chart again.
      output: { codeSplitting: { groups: [{ name: 'chart', test: /node_modules[\\/]chart\.js/ }] } },
    },
  },
});
