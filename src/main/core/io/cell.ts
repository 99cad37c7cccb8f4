/**
 * A cell as an import reads it: text (every CSV field), or a workbook's number, boolean
 * or date (a real date cell, at UTC midnight). A cell the reader could not turn into a
 * value — a formula saved without its result, an error such as #REF! — arrives as a
 * CellProblem, so the row is rejected with that reason instead of being read as blank
 * or as `[object Object]`.
 */
export class CellProblem {
  constructor(
    /** Why the cell has no usable value, as a user reads it. */
    readonly reason: string,
    /** What the cell shows in the spreadsheet (the formula, the error code). */
    readonly shown: string
  ) {}
  toString(): string {
    return this.shown
  }
}

export type Cell = string | number | boolean | Date | CellProblem | null
