/**
 * Spreadsheet formula injection: Excel, LibreOffice and Sheets treat a cell whose text
 * starts with = + - @ (or a tab / CR / LF before one) as a formula, so a name like
 * "=HYPERLINK(…)" typed into the app could run when an export is opened. Every piece of
 * user-entered text written to a workbook or CSV goes through safeCell, which prefixes
 * such text with an apostrophe so it is shown, not evaluated.
 */
const formulaTrigger = /^[=+\-@\t\r\n]/

export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && formulaTrigger.test(value) ? `'${value}` : value
}

/** Undoes `safeCell` on import, so our own exports re-import to the same text. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && formulaTrigger.test(value.slice(1)) ? value.slice(1) : value
}
