import { earliestCycleDate, missingNote, type ReviewChange, type ReviewOutcome, type ReviewSnapshot } from '../../../shared/api'
import { followUpTooLate } from '../../../shared/follow-up'
import { codeWithMeaning } from '../../../shared/ssda903-codes'
import { fieldRefusal, invalidInput } from '../errors'
import { addMonths, ukDate } from '../util/days'

/** Council reporting uses financial-year quarters: Q1 is April to June. */
export function quarterLabel(date: string): string {
  const [year = NaN, month = NaN] = date.split('-').map(Number)
  const startYear = month >= 4 ? year : year - 1
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')} Q${quarter}`
}

/**
 * What stands in the way of opening a cycle on `startDate`: a reason to refuse, or
 * things the Head of Service must confirm first (a date more than a quarter ahead, whose
 * cohort is a guess at children not yet looked after; a cycle still open, which would
 * leave two lists to work through).
 */
export function cycleOpeningChecks(
  startDate: string,
  today: string,
  openCycles: readonly { label: string; startDate: string }[]
): { refuse: string | null; confirm: string[] } {
  if (startDate < earliestCycleDate) {
    return {
      refuse: `A review cycle cannot have a cohort date before ${ukDate(earliestCycleDate)}; ${ukDate(startDate)} looks like a typing slip.`,
      confirm: []
    }
  }
  const confirm: string[] = []
  const quarterAhead = addMonths(today, 3)
  if (startDate > quarterAhead) {
    confirm.push(
      `The cohort date ${ukDate(startDate)} is more than a quarter after today (${ukDate(today)}): the cohort would be the children the tracker expects to be looked after then.`
    )
  }
  for (const c of openCycles) {
    confirm.push(
      `The cycle "${c.label}" (cohort date ${ukDate(c.startDate)}) is still open: opening another leaves two cycles to work through. Close it first unless both are meant.`
    )
  }
  return { refuse: null, confirm }
}

export type CurrentState = Pick<ReviewSnapshot, 'ls' | 'status' | 'decisionDate'>

/**
 * How the child's situation moved after the cycle opened. The child stays in the
 * cycle either way (the list is the start date's cohort); the changes flag the item.
 */
export function changesSince(snapshot: ReviewSnapshot, startDate: string, now: CurrentState | undefined): ReviewChange[] {
  if (!now) return [{ kind: 'left_care', detail: 'No longer looked after' }]
  const changes: ReviewChange[] = []
  if (now.ls !== snapshot.ls) {
    // Shown to the Head of Service as it stands (grid, review screen, workbook): the order's name, not only its code.
    const named = (ls: string | null): string => codeWithMeaning('LS', ls) || 'unknown'
    changes.push({ kind: 'legal_status', detail: `Legal status now ${named(now.ls)} (was ${named(snapshot.ls)} when the cycle opened)` })
  }
  if ((now.status === 'agreed' || now.status === 'not_agreed') && now.decisionDate !== null && now.decisionDate > startDate) {
    changes.push({
      kind: 'decision',
      detail: `Panel decision since the cycle opened: ${now.status === 'agreed' ? 'agreed' : 'not agreed'} on ${ukDate(now.decisionDate)}`
    })
  }
  return changes
}

export interface OutcomeInput {
  outcome: ReviewOutcome
  note?: string
  reviewDate?: string
  nextReviewDate?: string
}

export interface ValidOutcome {
  outcome: ReviewOutcome
  note: string | null
  reviewDate: string
  nextReviewDate: string | null
}

/**
 * The rules an outcome must meet before it is recorded. "Plan confirmed" is management
 * oversight, so it needs the oversight note and when it will next be looked at; a
 * referral to a key decision-making meeting needs the question for legal advice.
 */
export function validateOutcome(input: OutcomeInput, cycleStart: string, today: string): ValidOutcome {
  const reviewDate = input.reviewDate ?? today
  const note = input.note?.trim() ? input.note.trim() : null
  const nextReviewDate = input.nextReviewDate ?? null
  if (reviewDate < cycleStart) throw invalidInput(`Review date ${ukDate(reviewDate)} is before the cycle started (${ukDate(cycleStart)}).`)
  if (reviewDate > today) throw invalidInput(`Review date ${ukDate(reviewDate)} is in the future (today is ${ukDate(today)}).`)
  if (nextReviewDate !== null && nextReviewDate <= reviewDate)
    throw invalidInput(`Next review date ${ukDate(nextReviewDate)} must be after the review date ${ukDate(reviewDate)}.`)
  const tooLate = nextReviewDate === null ? null : followUpTooLate('next review date', nextReviewDate, reviewDate, 'the review date')
  if (tooLate) throw invalidInput(tooLate)
  const noteMissing = missingNote[input.outcome]
  if (noteMissing && !note) throw fieldRefusal('note', noteMissing)
  if (input.outcome === 'plan_confirmed' && !nextReviewDate) throw fieldRefusal('nextReviewDate', 'Plan confirmed needs a next review date for the oversight.')
  return { outcome: input.outcome, note, reviewDate, nextReviewDate }
}
