import type { z } from 'zod'
import { labelForPath, type CatalogueLabels } from './labels'

/** One field a user must fix: shown next to that field, and listed in the error's message. */
export interface FieldProblem {
  /** Where the field sits in the call's input, dot-separated ("definition.demandGrowth"). */
  path: string
  label: string
  /** A whole sentence that starts with the label: "Demand growth must be at most 100%." */
  message: string
}

type Issue = z.core.$ZodIssue

const typeWords: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date'
}

function limit(value: number | bigint, percent: boolean | undefined): string {
  const n = Number(value)
  return percent ? `${Math.round(n * 1000) / 10}%` : n.toLocaleString('en-GB')
}

/** What is wrong with the field, as the rest of a sentence after its label. */
function problem(issue: Issue, percent: boolean | undefined): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'is required' : `must be ${typeWords[issue.expected] ?? issue.expected}`
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${limit(issue.maximum, false)} characters`
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${limit(issue.maximum, false)} entries`
      return issue.inclusive ? `must be at most ${limit(issue.maximum, percent)}` : `must be less than ${limit(issue.maximum, percent)}`
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${limit(issue.minimum, false)} characters`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `needs at least ${limit(issue.minimum, false)} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`
      return issue.inclusive ? `must be at least ${limit(issue.minimum, percent)}` : `must be more than ${limit(issue.minimum, percent)}`
    case 'invalid_value':
      return issue.values.length <= 6 ? `must be one of ${issue.values.map(String).join(', ')}` : 'is not one of the allowed choices'
    case 'unrecognized_keys':
      return `does not take ${issue.keys.join(', ')}`
    case 'invalid_format':
    case 'custom':
      return issue.message
    default:
      return 'is not valid'
  }
}

/** Turns a failed validation into one sentence per field, named as the screens name it (an added option by its label in `catalogue`). */
export function fieldProblems(error: z.ZodError, catalogue?: CatalogueLabels): FieldProblem[] {
  return error.issues.map((issue) => {
    const { label, percent } = labelForPath(issue.path, catalogue)
    const words = problem(issue, percent)
    // The contract's own messages are phrases to follow the label ("is not a real calendar
    // date") or, when they start otherwise, whole sentences.
    const message = /^[a-z]/.test(words) ? `${label} ${words}.` : /[.!?]$/.test(words) ? words : `${words}.`
    return { path: issue.path.map(String).join('.'), label, message }
  })
}

/** The message for the whole error: every field's sentence, so a log or the CLI says it all. */
export const describeFieldProblems = (problems: readonly FieldProblem[]): string =>
  problems.length === 1 && problems[0] ? problems[0].message : `Please check ${problems.length} fields: ${problems.map((p) => p.message).join(' ')}`
