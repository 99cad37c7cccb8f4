import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateDemo, type ChildRecord, type EpisodeRecord } from '../../src/main/core/demo/generate'
import { ukDate } from '../../src/main/core/io/dates'
import { defined, firstOf, itemAt } from './defined'

/**
 * Real-shaped SSDA903 files for tests, made from the synthetic demo cohort: clean
 * Header/Episodes CSVs, Excel-saved variants (BOM, CRLF, every field quoted), 2-digit
 * years, and one malformed case per rejection rule. Nothing here is real data.
 */
export interface Cohort903 {
  asOf: string
  children: ChildRecord[]
  episodes: EpisodeRecord[]
}

const checkLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ'
/** A UPN with a correct DfE check letter, derived from a number. */
export function validUpn(n: number): string {
  const body = String(n).padStart(12, '0').slice(-12)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i + 2)
  return `${checkLetters[sum % 23]}${body}`
}

export function cohort903(options: { asOf?: string; lookedAfter?: number; seed?: number } = {}): Cohort903 {
  const asOf = options.asOf ?? '2020-03-31'
  const data = generateDemo({ asOf, lookedAfter: options.lookedAfter ?? 40, seed: options.seed ?? 903, childrenOnly: true })
  const children = data.children.map((c, i) => ({ ...c, upn: validUpn(100_000 + i * 7919) }))
  return { asOf, children, episodes: data.episodes }
}

export type Table = string[][]
export interface DateStyle {
  twoDigitYears?: boolean
}

const date = (iso: string | null, style: DateStyle): string => {
  if (iso === null) return ''
  const uk = ukDate(iso)
  return style.twoDigitYears ? `${uk.slice(0, 6)}${uk.slice(8)}` : uk
}

export const headerColumns = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']
export const episodeColumns = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN'
]

export function headerTable(c: Cohort903, style: DateStyle = {}): Table {
  return [
    headerColumns,
    ...c.children.map((k) => [k.child_id, String(k.sex), date(k.dob, style), k.ethnic, k.upn, k.mother === null ? '' : String(k.mother), date(k.mc_dob, style)])
  ]
}

export function episodesTable(c: Cohort903, style: DateStyle = {}): Table {
  return [
    episodeColumns,
    ...c.episodes.map((e) => [
      e.child_id,
      date(e.decom, style),
      e.rne,
      e.ls,
      e.cin,
      e.place,
      e.place_provider,
      date(e.dec, style),
      e.rec ?? '',
      e.reason_place_change ?? '',
      e.home_post,
      e.pl_post,
      e.urn ?? ''
    ])
  ]
}

/** Plain CSV as most tools write it, or as Excel saves it: BOM, CRLF and every field quoted. */
export function csvText(table: Table, style: { excel?: boolean } = {}): string {
  const field = (v: string): string => (style.excel || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const eol = style.excel ? '\r\n' : '\n'
  return `${style.excel ? '\uFEFF' : ''}${table.map((row) => row.map(field).join(',')).join(eol)}${eol}`
}

export function writeTable(dir: string, name: string, table: Table, style: { excel?: boolean } = {}): string {
  const path = join(dir, name)
  writeFileSync(path, csvText(table, style))
  return path
}

/** Writes Header.csv and Episodes.csv for a cohort. */
export function write903(dir: string, c: Cohort903, style: DateStyle & { excel?: boolean } = {}): { header: string; episodes: string } {
  return { header: writeTable(dir, 'Header.csv', headerTable(c, style), style), episodes: writeTable(dir, 'Episodes.csv', episodesTable(c, style), style) }
}

const col = (table: Table, name: string): number => firstOf(table).indexOf(name)

/**
 * One malformed case per rejection rule. Each edits a copy of clean tables and says
 * which file, row and column must be rejected.
 */
export interface MalformedCase {
  name: string
  apply: (header: Table, episodes: Table) => { file: 'Header.csv' | 'Episodes.csv'; row: number; column: string; reason: RegExp }
}

const setEpisode = (episodes: Table, row: number, column: string, value: string): void => {
  itemAt(episodes, row - 1)[col(episodes, column)] = value
}

/** A row (1-based, header = 1) of an episode that is its child's only one, so no other rows are affected. */
export const singleEpisodeRow = (episodes: Table): number => {
  const counts = new Map<string, number>()
  for (const r of episodes.slice(1)) counts.set(firstOf(r), (counts.get(firstOf(r)) ?? 0) + 1)
  return episodes.findIndex((r, i) => i > 0 && counts.get(firstOf(r)) === 1 && r[col(episodes, 'DEC')] !== '') + 1
}

const codeCase = (column: string, bad: string): MalformedCase => ({
  name: `unknown ${column} code`,
  apply: (_h, e) => {
    const row = singleEpisodeRow(e)
    setEpisode(e, row, column, bad)
    return {
      file: 'Episodes.csv',
      row,
      column,
      reason: new RegExp(`^${bad} is not a ${column} code in the \\d{4}-\\d{2} 903 \\(the collection year of \\d{2}/\\d{2}/\\d{4}\\)$`)
    }
  }
})

export const malformedCases: MalformedCase[] = [
  codeCase('LS', 'C9'),
  codeCase('PLACE', 'Q7'),
  codeCase('PLACE_PROVIDER', 'PR9'),
  codeCase('RNE', 'X'),
  codeCase('REC', 'E99'),
  codeCase('CIN', 'N9'),
  {
    name: 'DECOM that is not a date',
    apply: (_h, e) => {
      const row = singleEpisodeRow(e)
      setEpisode(e, row, 'DECOM', '31/02/2019')
      return { file: 'Episodes.csv', row, column: 'DECOM', reason: /^DECOM 31\/02\/2019 is not a date: there is no such day/ }
    }
  },
  {
    name: 'DEC before DECOM',
    apply: (_h, e) => {
      const row = singleEpisodeRow(e)
      setEpisode(e, row, 'DEC', '01/01/1990')
      return { file: 'Episodes.csv', row, column: 'DEC', reason: /^DEC is before DECOM \(\d\d\/\d\d\/\d{4}\)$/ }
    }
  },
  {
    name: 'episode for a child not in Header',
    apply: (_h, e) => {
      const row = singleEpisodeRow(e)
      setEpisode(e, row, 'CHILD', 'NOTINHDR')
      return { file: 'Episodes.csv', row, column: 'CHILD', reason: /not in the Header file/ }
    }
  },
  {
    name: 'DOB that is not a date',
    apply: (h) => {
      itemAt(h, 2)[col(h, 'DOB')] = 'yesterday'
      return { file: 'Header.csv', row: 3, column: 'DOB', reason: /not a date/ }
    }
  },
  {
    name: 'SEX that is not 1 or 2',
    apply: (h) => {
      itemAt(h, 4)[col(h, 'SEX')] = '3'
      return { file: 'Header.csv', row: 5, column: 'SEX', reason: /SEX must be 1/ }
    }
  },
  // Plausibility (issue 12, point 5): the inputs the review found accepted.
  ...[
    ['01/01/1001', 'before 01/01/1990'],
    ['31/12/1899', 'before 01/01/1990'],
    ['31/12/1989', 'before 01/01/1990'],
    ['12345', 'not a date'],
    ['01/01/2021', 'in the future']
  ].map(([dob, reason]): MalformedCase => ({
    name: `DOB ${dob}`,
    apply: (h) => {
      itemAt(h, 3)[col(h, 'DOB')] = defined(dob, 'dob')
      return { file: 'Header.csv', row: 4, column: 'DOB', reason: new RegExp(defined(reason, 'reason')) }
    }
  })),
  {
    name: 'DECOM before the child was born',
    apply: (h, e) => {
      const row = singleEpisodeRow(e)
      const dob = itemAt(
        h.find((r) => r[0] === itemAt(e, row - 1)[0])!,
        col(h, 'DOB')
      )
      setEpisode(e, row, 'DECOM', `01/01/${Number(dob.slice(6)) - 1}`)
      return { file: 'Episodes.csv', row, column: 'DECOM', reason: /DECOM is before the child's DOB/ }
    }
  },
  {
    name: 'CHILD longer than the 903 allows',
    apply: (h, e) => {
      for (const r of e) if (r[0] === itemAt(h, 5)[0]) r[0] = 'C1234567890'
      itemAt(h, 5)[0] = 'C1234567890'
      return { file: 'Header.csv', row: 6, column: 'CHILD', reason: /CHILD is 11 characters long; it can be at most 10/ }
    }
  },
  {
    name: 'UPN longer than the 903 allows',
    apply: (h) => {
      itemAt(h, 6)[col(h, 'UPN')] = 'A12345678901234'
      return { file: 'Header.csv', row: 7, column: 'UPN', reason: /UPN is 15 characters long; it can be at most 13/ }
    }
  },
  {
    name: 'HOME_POST with U+FFFD where bytes were not UTF-8',
    apply: (_h, e) => {
      const row = singleEpisodeRow(e)
      setEpisode(e, row, 'HOME_POST', 'AB1 \ufffd')
      return { file: 'Episodes.csv', row, column: 'HOME_POST', reason: /U\+FFFD/ }
    }
  }
]
