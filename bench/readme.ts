import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { markdownTable, type BenchSummary } from './report'

/**
 * `npx tsx bench/readme.ts bench.json`: writes one `npm run bench -- --json` run into
 * README.md, as the table between `<!-- bench:start -->` and `<!-- bench:end -->`, so the
 * README's figures always come from a single run, each beside its baseline and limit.
 */
const [input] = process.argv.slice(2)
if (!input) throw new Error('usage: npx tsx bench/readme.ts <file written by npm run bench -- --json>')
const lines = readFileSync(input, 'utf8').trim().split('\n')
// `npm run` prints its own header lines before the JSON: the run is the last line.
const run = JSON.parse(lines.at(-1)!) as BenchSummary
if (!Array.isArray(run.cases)) throw new Error(`${input}: not the output of npm run bench -- --json (no "cases")`)

const readme = join(import.meta.dirname, '..', 'README.md')
const start = '<!-- bench:start -->'
const end = '<!-- bench:end -->'
const text = readFileSync(readme, 'utf8')
const from = text.indexOf(start)
const to = text.indexOf(end)
if (from < 0 || to < from) throw new Error(`README.md: no ${start} … ${end} block to replace`)
const updated = `${text.slice(0, from + start.length)}\n${markdownTable(run)}\n${text.slice(to)}`
writeFileSync(`${readme}.tmp`, updated)
renameSync(`${readme}.tmp`, readme)
process.stderr.write(`README.md: bench table from ${input} (${run.cases.length} cases)\n`)
