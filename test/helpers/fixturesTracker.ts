import ExcelJS from 'exceljs'
import { join } from 'node:path'
import type { TrackerMappingInput } from '../../src/shared/api'

/**
 * A council's home-grown permanence tracker, as people really keep them: a title row
 * above the headings, its own column names and outcome words, real Excel dates in one
 * column style and typed-in text dates in others. Child IDs come from the caller.
 */
export interface TrackerRow {
  child: string
  /** A JS Date (stored as a real Excel date) or text as typed. */
  date: Date | string
  outcome: string
  notes?: string
  manager?: string
}

export const trackerMapping: TrackerMappingInput = {
  sheet: 'Tracker',
  headerRow: 3,
  columns: { childId: 'LAC Ref', date: 'Date of panel / review', outcome: 'Result', notes: 'Comments', manager: 'Team manager' },
  values: {
    outcome: {
      agreed: ['Endorsed', 'Perm agreed'],
      not_agreed: ['Not endorsed'],
      oversight: ['Mgmt oversight', 'Tracked at supervision'],
      deferred: ['Deferred', 'Adjourned']
    }
  },
  dateFormat: 'DD/MM/YYYY'
}

export async function writeTrackerXlsx(dir: string, rows: readonly TrackerRow[], name = 'tracker.xlsx'): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('Notes').addRow(['Kept by the permanence team (fictional)'])
  const sheet = workbook.addWorksheet('Tracker')
  sheet.addRow(['Permanence tracker 2019-20 (synthetic)'])
  sheet.addRow([])
  sheet.addRow(['LAC Ref', 'Child name', 'Date of panel / review', 'Result', 'Comments', 'Team manager'])
  for (const r of rows) sheet.addRow([r.child, 'Fictional Name', r.date, r.outcome, r.notes ?? null, r.manager ?? null])
  sheet.getColumn(3).numFmt = 'dd/mm/yyyy'
  const path = join(dir, name)
  await workbook.xlsx.writeFile(path)
  return path
}
