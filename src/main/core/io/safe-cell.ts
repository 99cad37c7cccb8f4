/**
 * Spreadsheet formula injection: Excel and LibreOffice run a cell that starts with
 * = + - @ (or a tab / CR / LF before one) as a formula. Every export that writes user
 * text escapes it with a leading apostrophe, which spreadsheets show as plain text.
 */
const trigger = /^[=+\-@\t\r\n]/

export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && trigger.test(value) ? `'${value}` : value
}

/** Undoes `safeCell` on import, so our own exports re-import to the same text. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && trigger.test(value.slice(1)) ? value.slice(1) : value
}
