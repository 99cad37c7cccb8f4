// `npm test`: type-check, build the renderer the e2e tests drive, run every vitest
// project (unit, component, e2e in Chromium), then the core and bridge suites again on PostgreSQL
// (PERMANENCE_TEST_ENGINE=postgres), and close with "N passed, N failed".
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
step('lint (layering, awaited promises, hooks)', 'npm', ['run', '--silent', 'lint'])
step('build', 'npx', ['electron-vite', 'build'])

mkdirSync('test-results', { recursive: true })
process.stdout.write('\n== tests (unit, component, e2e)\n')
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json', ...process.argv.slice(2)])
const readReport = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    process.stdout.write(`\nno test report was written (${file})\n0 passed, 1 failed\n`)
    process.exit(1)
  }
}
const filters = process.argv.slice(2)
const reports = [readReport('test-results/vitest.json')]
let status = vitest.status
// The same core and bridge tests on the other engine: every handler, the same results.
if (filters.length === 0) {
  process.stdout.write('\n== core and bridge tests on PostgreSQL\n')
  const pg = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'unit',
      'test/core',
      'test/bridge',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-postgres.json'
    ],
    {
      stdio: 'inherit',
      shell: process.platform === 'win32',
      env: { ...process.env, PERMANENCE_TEST_ENGINE: 'postgres' }
    }
  )
  reports.push(readReport('test-results/vitest-postgres.json'))
  status = status || pg.status
}
// Name what failed at the end, where a CI log's tail is read.
const failures = reports.flatMap((r, i) =>
  r.testResults.flatMap((file) => {
    const where = `${i === 1 ? '[postgres] ' : ''}${file.name.replace(process.cwd() + '/', '')}`
    const tests = file.assertionResults.filter((t) => t.status === 'failed')
    if (tests.length === 0 && file.status === 'failed') return [`${where}: ${(file.message || 'failed to run').split('\n')[0]}`]
    return tests.map((t) => `${where} > ${t.fullName}: ${(t.failureMessages[0] || '').split('\n')[0].slice(0, 300)}`)
  })
)
if (failures.length) process.stdout.write(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`)
const sum = (key) => reports.reduce((n, r) => n + r[key], 0)
const passed = sum('numPassedTests')
const failed = sum('numFailedTests') + reports.filter((r) => r.numTotalTests === 0).length
const skipped = sum('numPendingTests') + sum('numTodoTests')
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`)
process.exit(failed > 0 || status !== 0 ? 1 : 0)
