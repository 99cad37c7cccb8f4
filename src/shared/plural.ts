/** "1 placement", "2 placements", "1,250 rows": a count with its noun, in the UK's number format. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
