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
