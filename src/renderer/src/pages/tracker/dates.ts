/** Display helpers for ISO dates in the tracker (no business rules: those are in the core). */

/** The same day `months` earlier, clamped to the month's end. */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  const total = y * 12 + (m - 1) - months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/** 31/03/2020, as the council's staff write dates. */
export const ukDate = (iso: string | null | undefined): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '')

/** "2y 3m", "5m", "12d": how long from `from` to `to`. */
export function duration(from: string | null, to: string): string {
  if (!from) return ''
  const [fy, fm, fd] = from.split('-').map(Number)
  const [ty, tm, td] = to.split('-').map(Number)
  let months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
  if (months < 1) return `${Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)}d`
  const years = Math.floor(months / 12)
  months -= years * 12
  return years ? `${years}y ${months}m` : `${months}m`
}
