import { isoFromDay } from '../util/days'

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

const excelEpochDay = -25_569 // 1899-12-30 as a day number since 1970-01-01

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

const isoOf = (y: number, m: number, d: number): string | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null
}

export const expandYear = (yy: number, today: string): number => {
  const current = Number(today.slice(0, 4))
  const candidate = Math.floor(current / 100) * 100 + yy
  return candidate > current ? candidate - 100 : candidate
}

/** Excel's day serial (1 = 1900-01-01, with its phantom 29 Feb 1900) to ISO. */
export function isoFromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null
  return isoFromDay(excelEpochDay + Math.floor(serial))
}

/** Text `DD/MM/YYYY` (or `-` / `.` separators, 2- or 4-digit year), or ISO, to ISO; null if it is not a real date. */
export function parseTextDate(text: string, today: string, format: DateFormat = 'DD/MM/YYYY'): string | null {
  const s = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s)
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  if (format === 'YYYY-MM-DD') return null
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: 00:00(?::00)?)?$/.exec(s)
  if (!m) return null
  const [a, b] = format === 'MM/DD/YYYY' ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])]
  const year = m[3].length === 2 ? expandYear(Number(m[3]), today) : Number(m[3])
  return isoOf(year, b, a)
}

/** A spreadsheet cell holding a date: a JS Date (exceljs, UTC midnight), an Excel serial number, or text. */
export function parseCellDate(value: unknown, today: string, format: DateFormat = 'DD/MM/YYYY'): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  if (typeof value === 'number') return isoFromExcelSerial(value)
  if (typeof value === 'string') {
    if (/^\d{5}(\.\d+)?$/.test(value.trim())) return isoFromExcelSerial(Number(value))
    return parseTextDate(value, today, format)
  }
  return null
}

/** ISO to the 903's `DD/MM/YYYY`. */
export { ukDate } from '../../../shared/days'
