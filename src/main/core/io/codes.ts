/**
 * SSDA903 code lists by collection year. A collection year is named by the year in
 * which it ends on 31 March (2020 = 1 April 2019 – 31 March 2020). A row is checked
 * against the list of the year its own date falls in (DECOM for most columns, DEC for
 * REC), so a return that carries old episodes does not reject codes that were valid
 * when those episodes were recorded. Years outside the known range use the nearest one.
 *
 * Sources: DfE SSDA903 guidance as encoded in the public liia-tools schemas and the
 * csc-validator-be-903 rules. Only the columns the tracker's figures depend on are here.
 */
export type CodedColumn = 'LS' | 'PLACE' | 'PLACE_PROVIDER' | 'RNE' | 'REC' | 'CIN'

const ls = ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']
const place = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1'
]
const placeProvider = ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5']
const rne = ['S', 'L', 'P', 'T', 'B', 'U']
const cin = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']
const recCommon = ['X1', 'E11', 'E12', 'E2', 'E3', 'E4A', 'E4B', 'E13', 'E41', 'E5', 'E6', 'E7', 'E9', 'E14', 'E15', 'E16', 'E17', 'E8']
// Special guardianship and child arrangements orders split by carer (E45–E48). The older
// residence / SGO codes E43 and E44 are still accepted up to the 2018-19 return, since
// councils' historical episodes carry them.
const recFrom2020 = [...recCommon, 'E45', 'E46', 'E47', 'E48']
const recUntil2019 = [...recFrom2020, 'E43', 'E44']

export type YearList = Readonly<Record<CodedColumn, ReadonlySet<string>>>
const list = (rec: string[]): YearList => ({
  LS: new Set(ls),
  PLACE: new Set(place),
  PLACE_PROVIDER: new Set(placeProvider),
  RNE: new Set(rne),
  REC: new Set(rec),
  CIN: new Set(cin)
})

export const codeListsByYear: ReadonlyMap<number, YearList> = new Map([
  [2017, list(recUntil2019)],
  [2018, list(recUntil2019)],
  [2019, list(recUntil2019)],
  [2020, list(recFrom2020)],
  [2021, list(recFrom2020)],
  [2022, list(recFrom2020)],
  [2023, list(recFrom2020)],
  [2024, list(recFrom2020)],
  [2025, list(recFrom2020)],
  [2026, list(recFrom2020)]
])
const knownYears = [...codeListsByYear.keys()]
export const firstKnownYear = Math.min(...knownYears)
export const lastKnownYear = Math.max(...knownYears)

/**
 * The collection year an ISO date falls in: April onwards belongs to the next year's
 * return. Read from the digits without slicing: an import asks it of a million rows.
 */
export const collectionYearOf = (iso: string): number => {
  const year = digitAt(iso, 0) * 1000 + digitAt(iso, 1) * 100 + digitAt(iso, 2) * 10 + digitAt(iso, 3)
  return digitAt(iso, 5) * 10 + digitAt(iso, 6) >= 4 ? year + 1 : year
}
const digitAt = (text: string, i: number): number => text.charCodeAt(i) - 48

const listOfYear = (year: number): YearList => codeListsByYear.get(Math.min(lastKnownYear, Math.max(firstKnownYear, year)))!

export function codesFor(column: CodedColumn, year: number): ReadonlySet<string> {
  return listOfYear(year)[column]
}

/** Every column's codes for the collection year `onDate` (ISO) falls in, found once for a row's six coded columns. */
export const codeListsOn = (onDate: string): YearList => listOfYear(collectionYearOf(onDate))

export const isValidCode = (column: CodedColumn, code: string, onDate: string): boolean => codeListsOn(onDate)[column].has(code)
