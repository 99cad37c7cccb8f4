import { parse } from 'csv-parse/sync'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CsvRefused, NotSimpleCsv, SimpleCsv, type CsvLine } from '../../../src/main/core/io/csv-fast'
import { readRows, type ReadStats } from '../../../src/main/core/io/read'
import { tempDir } from '../../helpers/tmp'

/**
 * The fast CSV reader must give exactly what csv-parse gives (records and line numbers)
 * for every file, falling back to csv-parse for the shapes it does not read itself.
 */
const options = { bom: true, relax_column_count: true, skip_empty_lines: true, info: true } as const
const reference = (text: string): { row: number; cells: string[] }[] =>
  (parse(text, options) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => ({ row: r.info.lines, cells: r.record }))

const plain = [
  'CHILD,SEX,DOB\n1,1,01/02/2010\n2,2,03/04/2011\n',
  '\uFEFF"CHILD","SEX","DOB"\r\n"1","1","01/02/2010"\r\n"2","2","03/04/2011"\r\n',
  'a,b\r\n1,2\r\n\r\n3,4',
  '\uFEFFa,b\n\n\n1,2',
  'a,b,c\n1,,\n,,\n"",x,""\n  \n3\n',
  'a\n"q""q",x\n"with, comma","end"""\n"""start",ok\n',
  'naïve,café,日本\n"ü",ß,€\n',
  'only one line',
  'h\n1,2,3,4,5\n6\n'
]
const awkward = [
  'a,b\n"x\ny",2\n3,4\n', // line break inside quotes
  'a,b\r1,2\r3,4', // bare CR line ends
  'a,b\n1,2\r\n3,4\n', // mixed line ends
  'a,b\r\n1,2\n3,4\r\n'
]
const broken = ['a\nab"c,d\n', 'a\n"ab"c,d\n', 'a\n"abc', 'a\n"ab" ,d\n']

const fast = (text: string, cut: number): { row: number; cells: string[] }[] => {
  const csv = new SimpleCsv()
  const out: CsvLine[] = []
  const bytes = Buffer.from(text)
  csv.push(bytes.subarray(0, cut), out)
  csv.push(bytes.subarray(cut), out)
  csv.end(out)
  return out.map((l) => ({ row: l.line, cells: l.fields }))
}

async function viaReadRows(text: string): Promise<{ row: number; cells: unknown[] }[]> {
  const rows: { row: number; cells: unknown[] }[] = []
  const stats: ReadStats = { bytes: 0, totalBytes: text.length }
  for await (const r of readRows({ name: 'f.csv', content: Buffer.from(text) }, stats)) rows.push({ row: r.row, cells: r.cells })
  return rows
}

describe('fast CSV reader', () => {
  it.each(plain)('reads %j exactly as csv-parse, wherever the chunks break', (text) => {
    const expected = reference(text)
    for (let cut = 0; cut <= Buffer.byteLength(text); cut++) expect(fast(text, cut)).toEqual(expected)
  })

  it.each([...awkward, ...broken])('leaves %j to csv-parse', (text) => {
    expect(() => fast(text, 0)).toThrow(NotSimpleCsv)
  })

  it.each([...plain, ...awkward])("readRows gives csv-parse's rows for %j", async (text) => {
    expect(await viaReadRows(text)).toEqual(reference(text))
  })

  it.each(broken)("readRows reports csv-parse's reason for %j", async (text) => {
    let reason = ''
    try {
      reference(text)
    } catch (error) {
      reason = (error as Error).message
    }
    expect(reason).not.toBe('')
    await expect(viaReadRows(text)).rejects.toThrow(`f.csv: not readable as CSV (${reason})`)
  })

  it('falls back part-way through a large file without losing or repeating rows, and hashes the whole file', async () => {
    const lines = ['CHILD,NOTE']
    for (let i = 0; i < 40_000; i++) lines.push(i === 30_000 ? `${i},"two\nlines"` : `${i},plain ${i}`)
    const text = `${lines.join('\n')}\n`
    const path = join(tempDir(), 'big.csv')
    writeFileSync(path, text)
    const stats: ReadStats = { bytes: 0, totalBytes: text.length }
    const rows: { row: number; cells: unknown[] }[] = []
    for await (const r of readRows({ name: 'big.csv', path }, stats)) rows.push({ row: r.row, cells: r.cells })
    expect(rows).toEqual(reference(text))
    expect(stats.bytes).toBe(Buffer.byteLength(text))
    const { createHash } = await import('node:crypto')
    expect(stats.sha256).toBe(createHash('sha256').update(text).digest('hex'))
  })

  it('refuses a line over its limit, or bytes that are not UTF-8, on the right line however the chunks fall', () => {
    const long = Buffer.from('a,b\n1,2\n0123456789abcdef,x\n3,4\n')
    const notUtf8 = Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xe9]), Buffer.from('\n5,6\n')])
    for (const [bytes, why] of [
      [long, 'too-long'],
      [notUtf8, 'not-utf8']
    ] as const) {
      for (let cut = 0; cut <= bytes.length; cut++) {
        const fresh = new SimpleCsv(12)
        let refused: CsvRefused | null = null
        try {
          fresh.push(bytes.subarray(0, cut), [])
          fresh.push(bytes.subarray(cut), [])
          fresh.end([])
        } catch (error) {
          refused = error as CsvRefused
        }
        expect([refused?.line, refused?.why]).toEqual([3, why])
      }
    }
  })
})
