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

/** A4 in a sheet's page setup (exceljs's PaperSize.A4, a const enum that a type-only import cannot reach). */
const a4 = 9 as ExcelJS.PageSetup['paperSize']

/**
 * How a sheet prints, for addWorksheet's options: on A4, landscape unless it is a short
 * list, its columns on one page's width (or `pagesWide`) and as many pages down as it
 * takes, with its header rows ('1:1') printed again at the top of every page. A list of
 * children too wide for one readable page goes over `pagesWide` pages, each carrying the
 * `titleColumns` ('A:B': the child's ID and name) and printed side by side before the next
 * rows. Without this a spreadsheet prints portrait at 100%, a wide sheet's later columns on
 * pages of their own with neither the child nor the headings they belong to.
 */
export const printSetup = (
  options: { headerRows?: string; titleColumns?: string; pagesWide?: number; portrait?: boolean } = {}
): Partial<ExcelJS.PageSetup> => ({
  paperSize: a4,
  orientation: options.portrait ? 'portrait' : 'landscape',
  fitToPage: true,
  fitToWidth: options.pagesWide ?? 1,
  fitToHeight: 0,
  pageOrder: 'overThenDown',
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  ...(options.headerRows ? { printTitlesRow: options.headerRows } : {}),
  ...(options.titleColumns ? { printTitlesColumn: options.titleColumns } : {})
})

/**
 * Sets a row's height to the lines its longest wrapped cell takes in its column (about one
 * character a width unit, 15 points a line). A spreadsheet shows a row at the height the file
 * gives it: without one, LibreOffice draws wrapped text over the rows below.
 */
export function fitRowHeight(row: ExcelJS.Row): void {
  // The sheet's own columns as set (`columns` reads them without adding any, as getColumn would).
  const columns = row.worksheet.columns ?? []
  let lines = 1
  row.eachCell((cell, column) => {
    const text = typeof cell.value === 'string' ? cell.value : null
    const width = columns[column - 1]?.width ?? 10
    if (text === null || !cell.alignment?.wrapText) return
    const cellLines = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil((part.length * 1.1) / Math.max(1, width - 1))), 0)
    lines = Math.max(lines, cellLines)
  })
  // A row of one line keeps the default height, which the spreadsheet may still grow.
  if (lines > 1) row.height = lines * 15
}

/**
 * A list with a header row whose `wrapped` columns (by key) run to several lines: those wrap,
 * every cell sits at the top, the headings wrap, and each row below is as tall as its longest.
 */
export function wrapListColumns(sheet: ExcelJS.Worksheet, wrapped: readonly string[]): void {
  for (const column of sheet.columns) column.alignment = { vertical: 'top', wrapText: wrapped.includes(String(column.key)) }
  sheet.getRow(1).alignment = { vertical: 'top', wrapText: true }
  sheet.eachRow((row, n) => {
    if (n > 1) fitRowHeight(row)
  })
}
