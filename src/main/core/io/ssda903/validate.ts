import type { RowIssue } from '../../../../shared/api'
import { codeListsOn, collectionYearOf, type CodedColumn, type YearList } from '../codes'
import type { DateOrder } from '../date-order'
import { implausibleDate, notADate, parseCellDate, ukDate } from '../dates'
import { fieldProblem, shownValue } from '../field-checks'
import type { Cell } from '../read'
import { cellText } from '../read'
import { unescapeCell } from '../safe-cell'
import { looksLikePostcode } from './postcode'
import { upnCheckLetterOk } from './upn'

// Written as a date, yet no day of the calendar (31/02, 29/02 of a common year, month 13).

/**
 * Row rules for the 903 Header and Episodes tables. A rejection is a value that would
 * corrupt the tracker's figures (a code it cannot classify, a date it cannot place);
 * a warning is a 903 data-quality point that does not change any figure.
 */
export interface HeaderValues {
  child_id: string
  sex: number
  dob: string
  ethnic: string | null
  upn: string | null
  mother: number | null
  mc_dob: string | null
}
export interface EpisodeValues {
  child_id: string
  decom: string
  rne: string
  ls: string
  cin: string
  place: string
  place_provider: string | null
  dec: string | null
  rec: string | null
  reason_place_change: string | null
  home_post: string | null
  pl_post: string | null
  urn: string | null
}

/**
 * Longest value of each field, from the DfE's SSDA903 specification: CHILD is the
 * authority's own ID of up to 10 characters, UPN 13, ETHNIC a 4-letter code, postcodes at
 * most 8 with the space, URN an Ofsted URN (SC + 6 digits) or XXXXXXX; coded fields are
 * as long as their longest code; dates DD/MM/YYYY. Anything longer is not a 903 value.
 */
export const fieldLengths: Readonly<Record<string, number>> = {
  CHILD: 10,
  SEX: 1,
  DOB: 10,
  ETHNIC: 4,
  UPN: 13,
  MOTHER: 1,
  MC_DOB: 10,
  DECOM: 10,
  RNE: 1,
  LS: 2,
  CIN: 2,
  PLACE: 2,
  PLACE_PROVIDER: 3,
  DEC: 10,
  REC: 3,
  REASON_PLACE_CHANGE: 5,
  HOME_POST: 8,
  PL_POST: 8,
  URN: 8
}

export type RowResult<T> = { ok: true; values: T; warnings: RowIssue[] } | { ok: false; rejected: RowIssue[] }

interface RowInput {
  file: string
  row: number
  cells: readonly Cell[]
  index: ReadonlyMap<string, number>
  today: string
  /** The file's evidence of day-first or month-first dates (date-order.ts). */
  dateOrder?: DateOrder
}

/** A file's columns with a length limit, worked out once per file rather than once per row. */
type Limited = readonly { column: string; at: number; max: number }[]
const limitedColumns = new WeakMap<ReadonlyMap<string, number>, Limited>()
function limitedOf(index: ReadonlyMap<string, number>): Limited {
  let limited = limitedColumns.get(index)
  if (limited === undefined) {
    limited = [...index].flatMap(([column, at]) => {
      const max = fieldLengths[column]
      return max === undefined ? [] : [{ column, at, max }]
    })
    limitedColumns.set(index, limited)
  }
  return limited
}

class RowReader {
  readonly rejected: RowIssue[] = []
  readonly warnings: RowIssue[] = []
  /** Columns already rejected: one reason per column, and no rule reads them further (made on the first, as most rows have none). */
  private failed: Set<string> | null = null
  constructor(private readonly input: RowInput) {
    for (const { column, at, max } of limitedOf(input.index)) {
      const cell = input.cells[at]
      // Measured as stored: the apostrophe our own exports add before = + - @ is not part of the value.
      const problem = fieldProblem(typeof cell === 'string' ? unescapeCell(cell) : cell, column, { max })
      if (problem) this.reject(column, problem)
    }
  }

  private cell(column: string): Cell | undefined {
    const i = this.input.index.get(column)
    return i === undefined ? undefined : this.input.cells[i]
  }
  raw(column: string): Cell | undefined {
    return this.failed?.has(column) ? undefined : this.cell(column)
  }
  text(column: string): string | null {
    const t = cellText(this.raw(column))
    return t === null ? null : unescapeCell(t)
  }
  display(column: string): string {
    return shownValue(this.cell(column))
  }
  reject(column: string, reason: string): null {
    this.failed ??= new Set()
    if (this.failed.has(column)) return null
    this.failed.add(column)
    this.rejected.push({ file: this.input.file, row: this.input.row, column, value: this.display(column), reason })
    return null
  }
  warn(column: string, reason: string): void {
    this.warnings.push({ file: this.input.file, row: this.input.row, column, value: this.display(column), reason })
  }
  required(column: string): string | null {
    return this.text(column) ?? this.reject(column, `${column} is blank`)
  }
  date(column: string, required: boolean): string | null {
    const raw = this.raw(column)
    if (cellText(raw) === null) return required ? this.reject(column, `${column} is blank`) : null
    const iso = parseCellDate(raw, this.input.today)
    if (typeof raw === 'string') {
      if (iso) this.input.dateOrder?.read(raw, iso)
      else this.input.dateOrder?.failed(raw, this.input.today, { row: this.input.row, column })
    }
    if (!iso) return this.reject(column, notADate(column, raw))
    const implausible = implausibleDate(iso, this.input.today)
    if (implausible) return this.reject(column, `${column} ${ukDate(iso)} ${implausible}`)
    return iso
  }
  /** The column's code, checked against the lists of the collection year of `onDate` (as given by codeListsOn). */
  code(column: CodedColumn, onDate: string | null, lists: YearList | null, required: boolean): string | null {
    const value = this.text(column)?.toUpperCase() ?? null
    if (value === null) return required ? this.reject(column, `${column} is blank`) : null
    if (onDate && lists && !lists[column].has(value)) {
      const year = collectionYearOf(onDate)
      return this.reject(column, `${value} is not a ${column} code in the ${year - 1}-${String(year).slice(2)} 903 (the collection year of ${ukDate(onDate)})`)
    }
    return value
  }
}

export { upnCheckLetterOk } from './upn'
// No-UPN reasons used in place of a UPN (UN1 … UN10).
const noUpnReason = /^UN([1-9]|10)$/

export function readHeaderRow(input: RowInput): RowResult<HeaderValues> {
  const r = new RowReader(input)
  const child = r.required('CHILD')
  const sexText = r.text('SEX')
  const sex = sexText === '1' ? 1 : sexText === '2' ? 2 : r.reject('SEX', sexText === null ? 'SEX is blank' : 'SEX must be 1 (male) or 2 (female)')
  const dob = r.date('DOB', true)
  const upn = r.text('UPN')?.toUpperCase() ?? null
  if (upn !== null && !noUpnReason.test(upn) && !upnCheckLetterOk(upn)) r.warn('UPN', 'UPN check letter does not match (or UPN is not 13 characters)')
  const motherText = r.text('MOTHER')
  if (motherText !== null && motherText !== '0' && motherText !== '1') r.warn('MOTHER', 'MOTHER should be 0, 1 or blank; stored blank')
  const mother = motherText === '1' ? 1 : motherText === '0' ? 0 : null
  const mcDob = r.date('MC_DOB', false)
  if (mother === 1 && sex === 1) r.warn('MOTHER', 'MOTHER is 1 but SEX is 1 (male)')
  if (mcDob && dob && mcDob < dob) r.warn('MC_DOB', "MC_DOB is before the mother's own DOB")
  if (r.rejected.length || child === null || sex === null || dob === null) return { ok: false, rejected: r.rejected }
  return { ok: true, values: { child_id: child, sex, dob, ethnic: r.text('ETHNIC'), upn, mother, mc_dob: mcDob }, warnings: r.warnings }
}

export function readEpisodeRow(input: RowInput): RowResult<EpisodeValues> {
  const r = new RowReader(input)
  const child = r.required('CHILD')
  const decom = r.date('DECOM', true)
  const dec = r.date('DEC', false)
  if (decom && dec && dec < decom) r.reject('DEC', `DEC is before DECOM (${ukDate(decom)})`)
  const lists = decom === null ? null : codeListsOn(decom)
  const rne = r.code('RNE', decom, lists, true)
  const ls = r.code('LS', decom, lists, true)
  const cin = r.code('CIN', decom, lists, true)
  const place = r.code('PLACE', decom, lists, true)
  // PLACE_PROVIDER may be blank in the 903 (e.g. some placements outside any provider).
  const provider = r.code('PLACE_PROVIDER', decom, lists, false)
  const rec = r.code('REC', dec ?? decom, dec === null ? lists : codeListsOn(dec), false)
  if (dec && !rec) r.warn('REC', 'DEC is filled in but REC is blank')
  if (!dec && rec) r.warn('REC', 'REC is filled in but DEC is blank: the episode is treated as open')
  if (place === 'P1' && provider && provider !== 'PR0') r.warn('PLACE_PROVIDER', 'placed with parents (P1) should have PLACE_PROVIDER PR0')
  const reason = r.text('REASON_PLACE_CHANGE')
  if (reason && rne === 'S') r.warn('REASON_PLACE_CHANGE', 'REASON_PLACE_CHANGE is given for the start of a period of care (RNE S)')
  // Postcodes and other free text are kept exactly as given, so an export gives them back.
  const homePost = r.text('HOME_POST')
  const plPost = r.text('PL_POST')
  if (homePost && !looksLikePostcode(homePost)) r.warn('HOME_POST', 'HOME_POST does not look like a UK postcode')
  if (plPost && !looksLikePostcode(plPost)) r.warn('PL_POST', 'PL_POST does not look like a UK postcode')
  if (r.rejected.length || !child || !decom || !rne || !ls || !cin || !place) return { ok: false, rejected: r.rejected }
  return {
    ok: true,
    values: {
      child_id: child,
      decom,
      rne,
      ls,
      cin,
      place,
      place_provider: provider,
      dec,
      rec,
      reason_place_change: reason,
      home_post: homePost,
      pl_post: plPost,
      urn: r.text('URN')
    },
    warnings: r.warnings
  }
}
