import { ukDate } from '../../../shared/days'

/**
 * Dates as they arrive in return files and spreadsheets, read to ISO `YYYY-MM-DD`.
 *
 * Two-digit years: read as the most recent year that is not after `today`'s year
 * (a sliding century ending at the current year). So in 2026, "31/03/19" is 2019 and
 * "04/07/98" is 1998; a date of birth can therefore never land in the future, and a
 * child born in 1926 cannot be written with a two-digit year (nor could one be in care).
 * A two-digit date that still falls after `today` (e.g. later this year) is kept as
 * read; callers that need a past date check that themselves.
 */
export type DateFormat = 'DD/MM/YYYY' | 'YYYY-MM-DD' | 'MM/DD/YYYY'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31

const isoOf = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1000) return null
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/**
 * The shape nearly every 903 date has, `DD/MM/YYYY`, read without regular expressions
 * or Date objects (an import reads millions of them). Null when the text has any other
 * shape, so the general parser decides.
 */
function fixedUkDate(s: string): string | null {
  if (s.length !== 10 || s.charCodeAt(2) !== 47 || s.charCodeAt(5) !== 47) return null
  const d0 = digit(s, 0),
    d1 = digit(s, 1),
    m0 = digit(s, 3),
    m1 = digit(s, 4),
    y0 = digit(s, 6),
    y1 = digit(s, 7),
    y2 = digit(s, 8),
    y3 = digit(s, 9)
  if ((d0 | d1 | m0 | m1 | y0 | y1 | y2 | y3) < 0) return null
  const d = d0 * 10 + d1,
    m = m0 * 10 + m1,
    y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1000) return ''
  return `${s.slice(6, 10)}-${s.slice(3, 5)}-${s.slice(0, 2)}`
}

export const expandYear = (yy: number, today: string): number => {
  const current = Number(today.slice(0, 4))
  const candidate = Math.floor(current / 100) * 100 + yy
  return candidate > current ? candidate - 100 : candidate
}

/** Text `DD/MM/YYYY` (or `-` / `.` separators, 2- or 4-digit year), or ISO, to ISO; null if it is not a real date. */
export function parseTextDate(text: string, today: string, format: DateFormat = 'DD/MM/YYYY'): string | null {
  const s = text.trim()
  if (format === 'DD/MM/YYYY') {
    const fixed = fixedUkDate(s)
    if (fixed !== null) return fixed === '' ? null : fixed
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s)
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  if (format === 'YYYY-MM-DD') return null
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: 00:00(?::00)?)?$/.exec(s)
  if (!m) return null
  const [a, b] = format === 'MM/DD/YYYY' ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])]
  const yearText = m[3]!
  const year = yearText.length === 2 ? expandYear(Number(yearText), today) : Number(yearText)
  return isoOf(year, b, a)
}

const dateShaped = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(\d{2})?$/

/**
 * Why a cell that should hold a date does not, the same words in every import: `label`
 * names the field ("DOB", "date"). A number is a plain number, not a day count; text shaped
 * like a date names a day that does not exist (31/02/2020).
 */
export function notADate(label: string, raw: unknown, format: DateFormat = 'DD/MM/YYYY'): string {
  if (typeof raw === 'number') return `${label} is the number ${raw}, not a date (format the cell as a date, or type ${format})`
  const text = String(raw).trim()
  if (dateShaped.test(text)) return `${label} ${text} is not a date: there is no such day (expected ${format})`
  // The text itself, when short enough to read in a message.
  return `${label}${text && text.length <= 20 ? ` ${text}` : ''} is not a date (expected ${format} or a date cell)`
}

/**
 * A spreadsheet cell holding a date: a real date cell (a JS Date at UTC midnight, as
 * spreadsheet.ts gives it) or text in the mapped format. A number is not a date: text
 * such as `12345` was once read as an Excel day count (1933), which no person means.
 */
export function parseCellDate(value: unknown, today: string, format: DateFormat = 'DD/MM/YYYY'): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  if (typeof value === 'string') return parseTextDate(value, today, format)
  return null
}

/**
 * The earliest date an import accepts anywhere. Nobody born before it is a child in care
 * now (a care leaver supported to 25 was born after 1995), so an earlier date — 1001,
 * 1899 — is a typing or conversion error.
 */
export const earliestDate = '1990-01-01'

/** Why an ISO date cannot be real for a child in care today, or null. */
export function implausibleDate(
  iso: string,
  today: string,
  earliest: { date: string; why: string } = { date: earliestDate, why: 'earlier than any date in the record of a child in care today' }
): string | null {
  if (iso < earliest.date) return `is before ${ukDate(earliest.date)}, ${earliest.why}`
  if (iso > today) return `is in the future (after ${ukDate(today)})`
  return null
}

/**
 * A mapped import's date of something in a child's care (a panel date, a placement
 * start), the same checks and words in every such import: the ISO date, or why the cell
 * is not one: blank, not a date, implausible, or before the child's `dob` when known.
 */
export function careDate(
  raw: unknown,
  blank: boolean,
  label: string,
  on: { today: string; format: DateFormat; dob: string | null | undefined }
): { date: string } | { problem: string } {
  if (blank) return { problem: `${label} is blank` }
  const date = parseCellDate(raw, on.today, on.format)
  if (date === null) return { problem: notADate(label, raw, on.format) }
  const implausible = implausibleDate(date, on.today)
  if (implausible) return { problem: `date ${ukDate(date)} ${implausible}` }
  if (on.dob && date < on.dob) return { problem: `date ${ukDate(date)} is before the child's birth (DOB ${ukDate(on.dob)})` }
  return { date }
}

/** ISO to the 903's `DD/MM/YYYY`. */
export { ukDate }
