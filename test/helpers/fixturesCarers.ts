import ExcelJS from 'exceljs'
import { join } from 'node:path'
import type { CarersMappingInput } from '../../src/shared/api'

/**
 * A fostering service's list of who looks after whom, as such lists are kept: its own
 * headings and words for the kind of carer, a title row above the headings in the
 * workbook version. Every name is made up.
 */
export interface CarerFileRow {
  child: string
  /** Text as typed, or a JS Date stored as a real Excel date. */
  start: string | Date
  carer: string
  type?: string
  agency?: string
  address?: string
}

export const carersMapping: CarersMappingInput = {
  columns: {
    childId: 'Child ref',
    placementStart: 'Placed from',
    carerName: 'Carer(s)',
    kind: 'Carer type',
    provider: 'Agency',
    address: 'Address for letters'
  },
  values: { kind: { inhouse: ['LA foster carer'], ifa: ['Agency carer'], kinship: ['Family and friends'], parent: ['Parent'] } }
}

const headings = ['Child ref', 'Placed from', 'Carer(s)', 'Carer type', 'Agency', 'Address for letters']
const cells = (r: CarerFileRow): (string | Date | null)[] => [r.child, r.start, r.carer, r.type ?? null, r.agency ?? null, r.address ?? null]

const csvCell = (v: string | Date | null): string => {
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? '')
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const carersCsv = (rows: readonly CarerFileRow[]): Buffer =>
  Buffer.from([headings, ...rows.map(cells)].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n')

export async function writeCarersXlsx(dir: string, rows: readonly CarerFileRow[], name = 'carers.xlsx'): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Carers')
  sheet.addRow(['Fostering placements (synthetic)'])
  sheet.addRow(headings)
  for (const r of rows) sheet.addRow(cells(r))
  sheet.getColumn(2).numFmt = 'dd/mm/yyyy'
  const path = join(dir, name)
  await workbook.xlsx.writeFile(path)
  return path
}
