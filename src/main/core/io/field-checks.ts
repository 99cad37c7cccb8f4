import { ukDate } from '../../../shared/days'
import { CellProblem, type Cell } from './cell'

/**
 * Size and shape checks every imported field passes before its own rules: a cell the
 * reader could not read (a formula without its result, an error cell), text longer than
 * the field can be, control characters (NUL and the like, which no form or spreadsheet a
 * person types into produces), and U+FFFD, the mark text carries when bytes that were not
 * UTF-8 were decoded somewhere before it reached us.
 */
export interface FieldRule {
  /** Longest text accepted, in characters, after trimming. */
  max: number
  /** Free text that may hold tabs and line breaks (notes); other fields may not. */
  multiline?: boolean
}

const anyControl = /[\u0000-\u001f\u007f-\u009f]/
const controlExceptLines = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

const codePoint = (ch: string): string => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`

/** Any character one of the checks below could fault: what nearly every cell lacks. */
const suspect = /[\u0000-\u001f\u007f-\u009f\ufffd]/

/** Why the cell cannot be this field, or null when it passes. */
export function fieldProblem(cell: Cell | undefined, column: string, rule: FieldRule): string | null {
  if (cell instanceof CellProblem) return `${column}: ${cell.reason}`
  if (typeof cell !== 'string') return null
  // Short enough and free of suspect characters passes every check: an import asks this
  // of every cell, and a single test answers for nearly all of them.
  if (cell.length <= rule.max && !suspect.test(cell)) return null
  if (cell.length > rule.max) {
    const length = cell.trim().length
    if (length > rule.max) return `${column} is ${length.toLocaleString('en-GB')} characters long; it can be at most ${rule.max.toLocaleString('en-GB')}`
  }
  const control = (rule.multiline ? controlExceptLines : anyControl).exec(cell)
  if (control) return `${column} contains a control character (${codePoint(control[0])}), which no typed text holds`
  if (cell.includes('\ufffd')) return `${column} contains U+FFFD, the mark left where text was not valid UTF-8 (check the file's encoding)`
  return null
}

const shownLength = 60
const unprintable = /[\u0000-\u001f\u007f-\u009f]/g

/** A cell's value as a rejection shows it: control characters made visible, long text cut to its start and its length. */
export function shownValue(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  // As the sheet shows a date cell: a data officer looks for 17/03/2026, not 2026-03-17.
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : ukDate(cell.toISOString().slice(0, 10))
  const text = String(cell)
  const head = text.length > shownLength ? `${text.slice(0, shownLength)}… (${text.length.toLocaleString('en-GB')} characters)` : text
  return head.replace(unprintable, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
