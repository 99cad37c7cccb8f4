/**
 * Links the app may hand to the system browser: https only, and only to hosts we
 * name (guidance sites), so a crafted link in imported text cannot launch anything.
 */
export const vettedHosts = ['www.gov.uk', 'assets.publishing.service.gov.uk', 'learning.nspcc.org.uk'] as const

export function isVettedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && (vettedHosts as readonly string[]).includes(url.hostname)
}

/** Opens vetted URLs with the injected `open` (Electron's shell.openExternal); refuses the rest. */
export async function openExternalSafely(raw: string, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isVettedExternalUrl(raw)) return false
  await open(raw)
  return true
}
