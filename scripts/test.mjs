// `npm test`: type-check, build the renderer the e2e tests drive, run every vitest
// project (unit, component, e2e in Chromium) and close with "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
const step = (label, cmd, args) => {
  process.stdout.write(`\n== ${label}\n`)
  const r = run(cmd, args)
  if (r.status !== 0) {
    process.stdout.write(`\n${label} failed\n0 passed, 1 failed\n`)
    process.exit(1)
  }
}

step('type-check', 'npx', ['tsc', '-b'])
step('build', 'npx', ['electron-vite', 'build'])

mkdirSync('test-results', { recursive: true })
process.stdout.write('\n== tests (unit, component, e2e)\n')
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', ...process.argv.slice(2)])
let report
try {
  report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
} catch {
  process.stdout.write('\nno test report was written\n0 passed, 1 failed\n')
  process.exit(1)
}
const passed = report.numPassedTests
const failed = report.numFailedTests + (report.numTotalTests === 0 ? 1 : 0)
const skipped = report.numPendingTests + report.numTodoTests
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0)
