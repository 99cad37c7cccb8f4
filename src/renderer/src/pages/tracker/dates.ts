/** Display helpers for ISO dates in the tracker (no business rules: those are in the core). */

/** "2y 3m", "5m", "12d": how long from `from` to `to`. */
export function duration(from: string | null, to: string): string {
  if (!from) return ''
  const [fy = NaN, fm = NaN, fd = NaN] = from.split('-').map(Number)
  const [ty = NaN, tm = NaN, td = NaN] = to.split('-').map(Number)
  let months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
  if (months < 1) return `${Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)}d`
  const years = Math.floor(months / 12)
  months -= years * 12
  return years ? `${years}y ${months}m` : `${months}m`
}
