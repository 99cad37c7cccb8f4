import { z } from 'zod'

/**
 * One page of a grid read in SQL (ag-grid's infinite row model asks for a block of rows
 * at a time). Sort columns are named from a fixed list per grid, so nothing from the
 * input is ever written into the SQL; each query adds the key as the last sort term, so
 * pages never overlap or skip a row.
 */
/** The most rows one page call returns. */
export const largestPage = 1000
/**
 * The most rows a printout lists, two of the largest pages: a council's whole tracker or
 * list of looked-after children (about 650) fits; laying out 50,000 rows froze the window
 * for a minute.
 */
export const largestPrint = 2 * largestPage

export const pageWindow = {
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(largestPage).default(100)
}

export const sortDirections = ['asc', 'desc'] as const
export type SortDirection = (typeof sortDirections)[number]

/** `[{ column, direction }]`, first term first; empty for the grid's default order. */
export const sortBy = <const C extends readonly [string, ...string[]]>(columns: C) =>
  z
    .array(z.strictObject({ column: z.enum(columns), direction: z.enum(sortDirections) }))
    .max(4)
    .default([])

export interface Page<T> {
  rows: T[]
  /** Rows matching the filters and search, on every page. */
  total: number
}

/** Every row a grid holds, filtered and in its order, as an .xlsx (base64) for the page to offer as a download. */
export interface GridWorkbook {
  fileName: string
  base64: string
  /** Rows listed: how many children. */
  rows: number
}
