import type { AgendaSuggestion, DecisionOutcome } from '../../../shared/contract/panel'
import type { Db } from '../store/db'
import { trackerRows } from '../tracker/queries'
import { rankSuggestions, type CandidateFacts } from './suggest'

/**
 * The facts the suggestion rules need, for every child looked after on `date`: the
 * tracker's row, plus the latest decision, the latest oversight review date and the
 * latest Head of Service referral. Children already on the agenda of a meeting that is
 * not yet signed off are left out: they are planned already.
 */
export async function candidateFacts(db: Db, date: string): Promise<CandidateFacts[]> {
  const latestDecision = new Map(
    (
      (await db
        .prepare(
          `SELECT child_id, outcome, decision_date AS date, return_date AS "returnDate" FROM (
           SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.child_id ORDER BY d.decision_date DESC, d.recorded_at DESC, d.id DESC) AS rn
           FROM decision d WHERE d.superseded = 0 AND d.decision_date <= ?) AS ranked
         WHERE rn = 1`
        )
        .all(date)) as { child_id: string; outcome: DecisionOutcome; date: string; returnDate: string | null }[]
    ).map(({ child_id, ...d }) => [child_id, d])
  )
  // Oversight events are manager entries and panel 'oversight' decisions; the latest sets the review date.
  const oversight = (await db
    .prepare(
      `SELECT child_id, event_date, review_date FROM (
         SELECT child_id, entry_date AS event_date, next_review_date AS review_date, recorded_at FROM oversight_entry WHERE entry_date <= :date
         UNION ALL
         SELECT child_id, decision_date, return_date, recorded_at FROM decision WHERE outcome = 'oversight' AND superseded = 0 AND decision_date <= :date) AS events
       ORDER BY child_id, event_date, recorded_at`
    )
    .all({ date })) as { child_id: string; event_date: string; review_date: string | null }[]
  const latestOversight = new Map(oversight.map((o) => [o.child_id, o]))
  const referredOn = new Map(
    (
      (await db
        .prepare(
          `SELECT i.child_id, MAX(COALESCE(i.review_date, c.start_date)) AS referred_on
         FROM review_item i JOIN review_cycle c ON c.id = i.cycle_id
         WHERE i.outcome = 'refer_panel' AND COALESCE(i.review_date, c.start_date) <= ? GROUP BY i.child_id`
        )
        .all(date)) as { child_id: string; referred_on: string }[]
    ).map((r) => [r.child_id, r.referred_on])
  )
  const confirmed = new Map(
    (
      (await db.prepare('SELECT child_id, confirmed_date FROM care_plan WHERE confirmed_date <= ?').all(date)) as { child_id: string; confirmed_date: string }[]
    ).map((p) => [p.child_id, p.confirmed_date])
  )
  const planned = new Set(
    (await db
      .prepare(`SELECT DISTINCT a.child_id FROM agenda_item a JOIN panel_meeting m ON m.id = a.meeting_id WHERE m.status <> 'signed'`)
      .pluck()
      .all()) as string[]
  )
  return (await trackerRows(db, date))
    .filter((row) => !planned.has(row.childId))
    .map((row) => {
      const o = latestOversight.get(row.childId)
      return {
        childId: row.childId,
        name: row.name,
        ls: row.ls,
        legalStatusGroup: row.legalStatusGroup,
        status: row.status,
        legalStatusSince: row.legalStatusSince,
        placementStart: row.placementStart,
        lastPanelDate: row.lastPanelDate,
        latestDecision: latestDecision.get(row.childId) ?? null,
        // Only an oversight event in the current period counts (the tracker's lastOversightDate).
        oversightReviewDate: o && row.lastOversightDate !== null && o.event_date === row.lastOversightDate ? o.review_date : null,
        referredOn: referredOn.get(row.childId) ?? null,
        carersChangedSinceDecision: row.carersChangedSinceDecision,
        carersSince: row.carersSince,
        carePlanConfirmed: confirmed.get(row.childId) ?? null
      }
    })
}

export const suggestAgenda = async (db: Db, date: string, limit?: number): Promise<AgendaSuggestion[]> =>
  rankSuggestions(await candidateFacts(db, date), date, limit)
