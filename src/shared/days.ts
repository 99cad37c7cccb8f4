/**
 * Whole-day arithmetic on ISO dates (YYYY-MM-DD) as UTC day numbers. Care dates have
 * no time of day, so counting days in UTC avoids daylight-saving surprises.
 */
const msPerDay = 86_400_000

export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / msPerDay)
// Formatting through Date is slow in bulk (imports, exports, generators) and there are
// only so many distinct days: remember them.
const isoCache = new Map<number, string>()
export function isoFromDay(day: number): string {
  let iso = isoCache.get(day)
  if (iso === undefined) {
    iso = new Date(day * msPerDay).toISOString().slice(0, 10)
    if (isoCache.size < 200_000) isoCache.set(day, iso)
  }
  return iso
}
export const addDays = (iso: string, days: number): string => isoFromDay(dayNumber(iso) + days)
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)

/** Same day of month `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  // A malformed date has missing parts: NaN, as Number() of a missing part would be.
  const [y = NaN, m = NaN, d = NaN] = iso.split('-').map(Number)
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** Age in whole years on `on` for someone born on `dob`. */
export function ageOn(dob: string, on: string): number {
  const [by = NaN, bm = NaN, bd = NaN] = dob.split('-').map(Number)
  const [y = NaN, m = NaN, d = NaN] = on.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** 31/03/2020, as the council's staff write dates; '' for no date. */
export const ukDate = (iso: string | null | undefined): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '')
/** A month `YYYY-MM` as the UK writes it, MM/YYYY. */
export const ukMonth = (month: string): string => `${month.slice(5, 7)}/${month.slice(0, 4)}`

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

/**
 * A date as a person types it in the UK, `DD/MM/YYYY` or `D/M/YYYY` ('.', '-' or spaces
 * also separate), to ISO; null when it is not a real calendar date. The year must have
 * four digits: a typed "30/11/26" is ambiguous about its century, so it is refused.
 */
export function parseUkDate(text: string): string | null {
  const m = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(text.trim())
  if (!m) return null
  const d = Number(m[1]),
    mo = Number(m[2]),
    y = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** A 24-hour time typed as `HH:MM`, `H:MM`, `H.MM` or `HHMM`, to `HH:MM`; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})\s*[:.]?\s*(\d{2})$/.exec(text.trim())
  if (!m) return null
  const h = Number(m[1]),
    min = Number(m[2])
  if (h > 23 || min > 59) return null
  return `${String(h).padStart(2, '0')}:${m[2]}`
}

/** A stored timestamp (ISO, UTC) as the user's local `31/03/2020 14:05`, 24-hour. */
export function ukDateTime(timestamp: string | null | undefined): string {
  if (!timestamp) return ''
  const t = new Date(timestamp)
  if (Number.isNaN(t.getTime())) return ''
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${p(t.getDate())}/${p(t.getMonth() + 1)}/${t.getFullYear()} ${p(t.getHours())}:${p(t.getMinutes())}`
}
