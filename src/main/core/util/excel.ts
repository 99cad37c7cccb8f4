import type ExcelJS from 'exceljs'

/**
 * exceljs, loaded when a workbook is first written: it costs about 0.3 s of CPU to load,
 * which every CLI command and the worker's start would otherwise pay for nothing.
 */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default

/** How a workbook shows a date to a UK reader, whatever the spreadsheet's locale. */
export const ukDateFormat = 'dd/mm/yyyy'

/**
 * A figure with nothing to measure (a share of no children, an index over none): text, not a
 * blank, so a formula built on the cell fails (#VALUE!) instead of reading it as 0.
 */
export const noFigure = 'n/a'

/** An ISO date as a real Excel date (UTC midnight, so no time zone shifts the day): it sorts and filters as a date. */
export const excelDate = (iso: string | null): Date | null => (iso === null ? null : new Date(`${iso}T00:00:00Z`))
