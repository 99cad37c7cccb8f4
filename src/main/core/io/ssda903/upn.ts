/**
 * The DfE Unique Pupil Number: a check letter then 12 characters (LA number,
 * establishment, year, serial; a temporary UPN ends in a letter). The check letter is
 * characters 2–13 weighted 2–13, summed, mod 23, as a letter of this alphabet.
 */
const checkLetters = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** The check letter for the 12 characters after it; null if they cannot be a UPN's. */
export function upnCheckLetter(body: string): string | null {
  if (!/^\d{11}[0-9A-Z]$/.test(body)) return null
  let sum = 0
  for (let i = 0; i < 12; i++) {
    const c = body.charAt(i)
    const value = c >= '0' && c <= '9' ? Number(c) : checkLetters.indexOf(c)
    if (value < 0) return null
    sum += value * (i + 2)
  }
  return checkLetters.charAt(sum % 23)
}

export const upnCheckLetterOk = (upn: string): boolean => upn.length === 13 && upnCheckLetter(upn.slice(1)) === upn[0]
