/** The renderer may only ever be at its own entry URL (app://renderer/index.html, or the dev server). */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  try {
    const a = new URL(candidate)
    const b = new URL(appUrl)
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname
  } catch {
    return false
  }
}
