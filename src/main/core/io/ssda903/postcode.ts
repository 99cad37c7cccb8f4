/**
 * Whether HOME_POST / PL_POST has a postcode's shape. The 903 has collected both full
 * postcodes and, for years, partial ones (the outward code and the sector digit, e.g.
 * "SW1A 1"), so both are accepted, in any case and spacing; so are the non-geographic
 * GIR 0AA and BFPO numbers. Anything else is a warning, never a rejection: no figure
 * depends on a postcode.
 */
const outward = '[A-Z]{1,2}\\d[A-Z\\d]?'
const shapes = new RegExp(`^(?:${outward} ?\\d(?:[A-Z]{2})?|GIR ?0AA|BFPO ?\\d{1,4})$`)

// Most postcodes come written the usual way: tested as they are first, they need no copy.
export const looksLikePostcode = (text: string): boolean => shapes.test(text) || shapes.test(text.trim().toUpperCase().replace(/\s+/g, ' '))
