import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The sandboxed preload can only require('electron'): bundle it into one CommonJS file.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./dist/preload', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    lib: {
      entry: fileURLToPath(new URL('./electron/preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
