import type { AgendaSuggestion, DecisionOutcome, SuggestionReason, SuggestionReasonCode } from '../../../shared/contract/panel'
import type { LegalStatusGroup, PermanenceStatus } from '../../../shared/contract/tracker'
import { addMonths, daysBetween } from '../util/days'

/**
 * Agenda suggestions: which looked-after children a panel on a date should consider, and
 * why. The tracker supplies each child's status; this module holds the rules and the
 * ranking, and candidates.ts gathers the facts with SQL.
 */
export interface CandidateFacts {
  childId: string
  name: string
  ls: string | null
  legalStatusGroup: LegalStatusGroup
  status: PermanenceStatus
  legalStatusSince: string
  placementStart: string | null
  /** Latest panel consideration on or before the date, any outcome. */
  lastPanelDate: string | null
  /** The latest panel decision on or before the date (not superseded). */
  latestDecision: { outcome: DecisionOutcome; date: string; returnDate: string | null } | null
  /** The review date set by the latest management-oversight event in the current period. */
  oversightReviewDate: string | null
  /** When the Head of Service review last referred the child to panel. */
  referredOn: string | null
  /** This period's decisions were about earlier carers (the tracker's flag). */
  carersChangedSinceDecision: boolean
  /** When the child began living with the current carers; null when unknown. */
  carersSince: string | null
  /** When an IRO review confirmed the child's care plan, if it has. */
  carePlanConfirmed: string | null
}

/** The stability measure's "2+ years in the same placement". */
export const stablePlacementMonths = 24

/**
 * A plan confirmed at review waiting for its decision comes first, then the
 * panel's own deferrals, referrals, decisions about earlier carers, overdue oversight,
 * FCO waiting, stable placements.
 */
export const reasonPriority: readonly SuggestionReasonCode[] = [
  'plan_confirmed',
  'deferred_due',
  'hos_referral',
  'carers_changed',
  'oversight_overdue',
  'fco_no_decision',
  'long_stable'
]

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

function waited(from: string, to: string): string {
  const days = daysBetween(from, to)
  if (days < 61) return `${days} day${days === 1 ? '' : 's'}`
  const months = Math.floor(days / 30.44)
  return months < 24 ? `${months} months` : `${(days / 365.25).toFixed(1)} years`
}

/** Every reason `f` should come to a panel held on `date`, in priority order. */
export function reasonsFor(f: CandidateFacts, date: string): SuggestionReason[] {
  const reasons: SuggestionReason[] = []
  const undecided = f.status === 'none' || f.status === 'oversight'
  const d = f.latestDecision
  if (f.carePlanConfirmed !== null && f.carePlanConfirmed <= date && undecided) {
    reasons.push({
      code: 'plan_confirmed',
      since: f.carePlanConfirmed,
      text: `Care plan confirmed at review on ${ukDate(f.carePlanConfirmed)}; no panel decision yet`
    })
  }
  if (d?.outcome === 'deferred' && d.returnDate !== null && d.returnDate <= date) {
    reasons.push({ code: 'deferred_due', since: d.returnDate, text: `Deferred by panel on ${ukDate(d.date)}; due back by ${ukDate(d.returnDate)}` })
  }
  if (f.referredOn !== null && f.referredOn <= date && (f.lastPanelDate === null || f.lastPanelDate < f.referredOn)) {
    reasons.push({ code: 'hos_referral', since: f.referredOn, text: `Referred to panel by the Head of Service review on ${ukDate(f.referredOn)}` })
  }
  if (f.carersChangedSinceDecision) {
    const since = f.carersSince ?? f.legalStatusSince
    reasons.push({ code: 'carers_changed', since, text: `Carers changed since the panel decision: with new carers since ${ukDate(since)}` })
  }
  if (f.status === 'oversight' && f.oversightReviewDate !== null && f.oversightReviewDate <= date) {
    reasons.push({
      code: 'oversight_overdue',
      since: f.oversightReviewDate,
      text: `Under management oversight; its review was due ${ukDate(f.oversightReviewDate)} (${waited(f.oversightReviewDate, date)} ago)`
    })
  }
  if (f.legalStatusGroup === 'FCO' && undecided) {
    reasons.push({
      code: 'fco_no_decision',
      since: f.legalStatusSince,
      text: `Full care order since ${ukDate(f.legalStatusSince)} (${waited(f.legalStatusSince, date)}) without a panel decision`
    })
  }
  const stableSince = addMonths(date, -stablePlacementMonths)
  if (
    f.placementStart !== null &&
    f.placementStart <= stableSince &&
    f.legalStatusGroup !== 'REMAND' &&
    undecided &&
    (f.lastPanelDate === null || f.lastPanelDate < f.placementStart)
  ) {
    reasons.push({
      code: 'long_stable',
      since: f.placementStart,
      text: `Same placement since ${ukDate(f.placementStart)} (${waited(f.placementStart, date)}); not yet considered by panel`
    })
  }
  return reasons
}

/**
 * Children with at least one reason, by their most pressing reason; within a reason the
 * longest-waiting first (earliest `since`), then those with more reasons, then by ID.
 */
export function rankSuggestions(facts: readonly CandidateFacts[], date: string, limit?: number): AgendaSuggestion[] {
  const ranked = facts
    .flatMap((f) => {
      const reasons = reasonsFor(f, date)
      const [first] = reasons
      return first ? [{ f, reasons, top: reasonPriority.indexOf(first.code), since: first.since ?? '' }] : []
    })
    .sort((a, b) => a.top - b.top || a.since.localeCompare(b.since) || b.reasons.length - a.reasons.length || a.f.childId.localeCompare(b.f.childId))
  return ranked.slice(0, limit ?? ranked.length).map(({ f, reasons }) => ({ childId: f.childId, name: f.name, legalStatus: f.ls, reasons }))
}
