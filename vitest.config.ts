import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// Three projects, one runner: core/CLI under Node, React components in jsdom,
// and end-to-end tests that drive real Chromium against the loopback bridge.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/bridge/**/*.test.ts'],
          testTimeout: 60_000,
          // A wait for a state to arrive: expect.poll's 1 s default flakes on a loaded machine.
          expect: { poll: { timeout: 15_000 } },
          // A real PostgreSQL server for the team-database tests (testPostgres()), and one
          // folder of template databases for the run (test/helpers/templates.ts).
          globalSetup: ['test/helpers/postgres-global-setup.ts', 'test/helpers/templates-global-setup.ts']
        }
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.tsx'],
          setupFiles: ['test/component/setup.ts'],
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A screen is waited for up to 15 s, not expect.poll's 1 s: on a loaded CI machine
          // a grid's first block can take longer, and a wait that times out proves nothing.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts']
        }
      }
    ]
  }
})
