/** A whole number as a UK reader writes it: 22,941. */
export const figure = (n: number): string => n.toLocaleString('en-GB')

/** "1 placement", "2 placements", "1,250 rows": a count with its noun, in the UK's number format. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${figure(n)} ${n === 1 ? one : many}`
