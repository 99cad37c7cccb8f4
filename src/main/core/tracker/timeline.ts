import type { ActionRow, ChildTimeline, PermanenceEventRow } from '../../../shared/contract/tracker'
import { ukDate } from '../../../shared/days'
import { getChild } from '../children/queries'
import type { Db } from '../store/db'
import { driftFlags, getDriftThresholds } from './drift'
import { childFacts, factsFor, withFacts } from './flags'
import { trackerRows } from './queries'
import type { DriftThresholds, TrackerGridRow, TrackerRow } from '../../../shared/contract/tracker'

async function trackerGridRow(db: Db, row: TrackerRow, asOf: string, thresholds: DriftThresholds): Promise<TrackerGridRow> {
  const extra = withFacts(row, factsFor(await childFacts(db, asOf, row.childId), row.childId), asOf)
  return { ...row, drift: driftFlags({ ...row, dischargeStatus: extra.dischargeStatus }, asOf, thresholds), ...extra }
}

interface EventRecord extends Omit<PermanenceEventRow, 'superseded'> {
  superseded: number
  /** The decision's panel, worded with its date the UK way once read. */
  meetingDate: string | null
  chair: string | null
}

/** Everything about one child's permanence on a page: care episodes, panel and oversight events, actions. */
export async function childTimeline(db: Db, childId: string, asOf: string): Promise<ChildTimeline> {
  const child = await getChild(db, childId)
  const [row] = await trackerRows(db, asOf, { childId })
  const thresholds = await getDriftThresholds(db)
  const events = (
    (await db
      .prepare(
        `SELECT d.id, 'decision' AS kind, d.decision_date AS date, d.outcome,
                CASE WHEN m.id IS NULL THEN 'Imported decision' END AS "by", m.meeting_date AS "meetingDate", m.chair,
                d.reasons AS note, d.return_date AS "nextReviewDate", d.superseded, d.recorded_by AS "recordedBy", d.recorded_at AS "recordedAt"
         FROM decision d LEFT JOIN panel_meeting m ON m.id = d.meeting_id WHERE d.child_id = :childId
         UNION ALL
         SELECT o.id, 'oversight', o.entry_date, 'oversight', o.manager, NULL, NULL, o.note, o.next_review_date, 0, o.recorded_by, o.recorded_at
         FROM oversight_entry o WHERE o.child_id = :childId
         ORDER BY date DESC, "recordedAt" DESC, kind, id DESC`
      )
      .all({ childId })) as EventRecord[]
  ).map(({ meetingDate, chair, ...e }) => ({
    ...e,
    by: meetingDate === null ? e.by : `Panel of ${ukDate(meetingDate)} (chair ${chair})`,
    superseded: e.superseded === 1
  }))
  const actions = (await db
    .prepare(
      `SELECT id, description, owner, due_date AS "dueDate", done_at AS "doneAt" FROM action WHERE child_id = ?
       ORDER BY done_at IS NOT NULL, due_date IS NULL, due_date, id`
    )
    .all(childId)) as ActionRow[]
  return {
    childId,
    name: child.name,
    dob: child.dob,
    asOf,
    tracker: row ? await trackerGridRow(db, row, asOf, thresholds) : null,
    thresholds,
    episodes: child.episodeHistory,
    events,
    actions
  }
}
