import { defineConfig } from 'vite';

// The dashboard is served by flinq server at / with a strict Content-Security-Policy: every script and style
// must be an external file of this origin (no inline code), which is what `vite build` emits.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:7700', '/metrics': 'http://127.0.0.1:7700' } },
});
