/**
 * Spreadsheet formula injection: Excel and LibreOffice run a cell that starts with
 * = + - @ (or a tab / CR / LF) as a formula. User text in exports gets a leading
 * apostrophe, which spreadsheets show as plain text.
 */
const trigger = /^[=+\-@\t\r\n]/

export const safeCell = (value: string | null): string | null => (value !== null && trigger.test(value) ? `'${value}` : value)
