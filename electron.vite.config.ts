import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { resolve } from 'node:path'
import { noncePlaceholder } from './src/main/shell/csp'

export default defineConfig({
  main: {
    // The database worker (core/worker/db-client.ts) and the 903 import (io/ssda903/off-thread.ts)
    // run in worker threads, which need their own entries;
    // the CLI is built too, so a command starts without compiling TypeScript (bin/permanence.mjs).
    // Shared chunks sit beside the entries: each client finds its worker relative to itself.
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'import903-worker': resolve('src/main/core/io/ssda903/import-worker.ts'),
          'db-worker': resolve('src/main/core/worker/db-worker.ts'),
          cli: resolve('src/cli/main.ts')
        },
        output: { chunkFileNames: '[name]-[hash].js' }
      }
    }
  },
  preload: {
    // A sandboxed preload cannot require node_modules: bundle everything, as CommonJS.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    // The placeholder the app:// handler and the bridge replace with a fresh nonce per page (src/main/shell/csp.ts).
    html: { cspNonce: noncePlaceholder },
    // electron-vite leaves the renderer unminified; minified, the first screen's script is
    // a third of the size, and the page chunks load only when opened.
    build: { minify: true, rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()]
  }
})
