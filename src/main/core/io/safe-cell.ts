/**
 * Spreadsheet formula injection: Excel, LibreOffice and Sheets treat a cell whose text
 * starts with = + - @ (or a tab / CR / LF before one) as a formula, so a name like
 * "=HYPERLINK(…)" typed into the app could run when an export is opened. Every piece of
 * user-entered text written to a workbook or CSV goes through safeCell, which prefixes
 * such text with an apostrophe so it is shown, not evaluated.
 */

/** The first characters that make a spreadsheet read a cell's text as a formula. */
export const formulaPrefixes = ['=', '+', '-', '@', '\t', '\r', '\n'] as const

const prefixes: ReadonlySet<string> = new Set(formulaPrefixes)
const startsLikeFormula = (text: string): boolean => prefixes.has(text.charAt(0))

export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && startsLikeFormula(value) ? `'${value}` : value
}

/** Undoes `safeCell` on import, so our own exports re-import to the same text. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && startsLikeFormula(value.slice(1)) ? value.slice(1) : value
}
