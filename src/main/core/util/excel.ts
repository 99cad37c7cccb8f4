import type ExcelJS from 'exceljs'

/**
 * exceljs, loaded when a workbook is first written: it costs about 0.3 s of CPU to load,
 * which every CLI command and the worker's start would otherwise pay for nothing.
 */
export const loadExcelJS = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default
