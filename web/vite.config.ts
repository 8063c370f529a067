import { defineConfig } from 'vite';

export default defineConfig({
  root: 'web',
  base: '/',
  // the manifest lets the server preload the respondent page's chunks on /s/ links
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
