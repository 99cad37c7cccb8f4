import type { Cell } from '../read'
import { cellText } from '../read'
import { resaveWithCommas, separatorNames } from '../separators'

/** The 903 tables this app reads, their columns in return order, and which it cannot do without. */
export const headerColumns = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'] as const
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
] as const

export type TableName = 'Header' | 'Episodes'
export const tables: Record<TableName, { columns: readonly string[]; required: readonly string[] }> = {
  Header: { columns: headerColumns, required: ['CHILD', 'SEX', 'DOB'] },
  Episodes: { columns: episodeColumns, required: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'] }
}

// Other 903 tables, recognised so the message can say why they are skipped.
const otherTables: Record<string, readonly string[]> = {
  Reviews: ['REVIEW', 'REVIEW_CODE'],
  UASC: ['DUC'],
  Missing: ['MIS_START'],
  OC2: ['SDQ_SCORE'],
  OC3: ['IN_TOUCH'],
  AD1: ['DATE_INT'],
  PlacedAdoption: ['DATE_PLACED'],
  PrevPerm: ['PREV_PERM'],
  SW_Episodes: ['SW_ID']
}

export type Detected = { table: TableName; index: Map<string, number> } | { table: null; other: string | null; missing: string[]; separator?: string }

/** Normalised column names: `Place Provider`, `place_provider` and ` PLACE_PROVIDER ` all match. */
export const normaliseHeading = (cell: Cell | undefined): string => (cellText(cell) ?? '').toUpperCase().replace(/[\s-]+/g, '_')

/** Which table a header row belongs to. Episodes are recognised by DECOM, Header by CHILD with SEX or DOB
 * (other tables repeat DOB, so their own columns rule them out). */
export function detectTable(headerCells: readonly Cell[]): Detected {
  const names = headerCells.map(normaliseHeading)
  const index = new Map<string, number>()
  names.forEach((name, i) => {
    if (name && !index.has(name)) index.set(name, i)
  })
  const candidate: TableName | null = index.has('DECOM')
    ? 'Episodes'
    : index.has('CHILD') && (index.has('SEX') || index.has('DOB')) && !index.has('REVIEW') && !index.has('MIS_START') && !index.has('DUC')
      ? 'Header'
      : null
  if (!candidate) {
    const other = Object.entries(otherTables).find(([, marks]) => marks.every((m) => index.has(m)))?.[0] ?? null
    return { table: null, other, missing: [], separator: otherSeparator(headerCells) }
  }
  const missing = tables[candidate].required.filter((c) => !index.has(c))
  return missing.length ? { table: null, other: candidate, missing } : { table: candidate, index }
}

/** A first row read as one column that splits into a 903 table's headings: a CSV saved with another separator (Excel does so in many locales). */
function otherSeparator(headerCells: readonly Cell[]): string | undefined {
  const filled = headerCells.map(cellText).filter((text) => text !== null)
  if (filled.length !== 1) return undefined
  const [only] = filled
  return Object.keys(separatorNames).find((sep) => only!.includes(sep) && detectTable(only!.split(sep)).table !== null)
}

/** Why a sheet whose first row is `detected` cannot be imported as a 903 table; `where` names the file (and sheet). */
export function notA903Table(where: string, detected: Exclude<Detected, { table: TableName }>): string {
  if (detected.separator) {
    return `${where}: ${resaveWithCommas(detected.separator)}`
  }
  if (detected.missing.length)
    return `${where}: looks like the 903 ${detected.other} table but lacks the required ${detected.missing.length === 1 ? 'column' : 'columns'} ${detected.missing.join(', ')}`
  if (detected.other) return `${where}: is the 903 ${detected.other} table, which Permanence Desk does not import (import Header and Episodes)`
  return `${where}: is not a 903 Header or Episodes table (its first row should name the columns, e.g. CHILD, SEX, DOB or CHILD, DECOM, RNE …)`
}
