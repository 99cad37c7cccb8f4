import { episodeFields } from '../io/ssda903/staging'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { refreshTrackerSpans } from '../tracker/refresh'
import { insertOversightEntry } from '../tracker/oversight'
import { writeSetting } from '../store/settings'
import { generateDemo, type DemoData, type DemoOptions } from './generate'

export interface DemoSummary {
  children: number
  /** Looked after on the as-of date. */
  lookedAfter: number
  episodes: number
  carers: number
  meetings: number
  decisions: number
  oversight: number
}

const insertAll = async <T extends object>(db: Db, table: string, rows: readonly T[], columns: readonly (keyof T & string)[]): Promise<void> => {
  if (rows.length === 0) return
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
  for (const row of rows) await statement.run(row)
}

/** Writes a generated cohort into an empty database, in one transaction. */
export async function loadDemo(db: Db, data: DemoData, who: string): Promise<DemoSummary> {
  const existing = (await db.prepare('SELECT COUNT(*) FROM child').pluck().get()) as number
  if (existing > 0) throw new Error('The demo data set can only be loaded into an empty database.')
  const now = new Date().toISOString()
  await db.transaction(async () => {
    await insertAll(db, 'carer', data.carers, ['id', 'name', 'kind', 'provider', 'approved_date', 'urn', 'address'])
    await insertAll(db, 'child', data.children, ['child_id', 'sex', 'dob', 'ethnic', 'upn', 'mother', 'mc_dob', 'given_name', 'family_name'])
    const link = db.prepare(
      `INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES (?, ?, ?, 'demo', ?) ON CONFLICT DO NOTHING`
    )
    for (const l of data.placementCarers) await link.run(l.child_id, l.placement_start, l.carer_id, now)
    const plan = db.prepare(
      `INSERT INTO care_plan (child_id, plan, confirmed_date, family_finding, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 'demo', ?)`
    )
    for (const p of data.carePlans) await plan.run(p.child_id, p.plan, p.confirmed_date, p.family_finding, p.note, now)
    const discharge = db.prepare(
      `INSERT INTO discharge_application (child_id, status, planned_date, applied_date, decided_date, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, 'demo', ?)`
    )
    for (const d of data.discharges) await discharge.run(d.child_id, d.status, d.planned_date, d.applied_date, d.decided_date, now)
    await insertAll(db, 'episode', data.episodes, [...episodeFields, 'carer_id', 'seq'])
    const meeting = db.prepare(`INSERT INTO panel_meeting (id, meeting_date, start_time, place, chair, status, signed_by, signed_at)
      VALUES (@id, @meeting_date, @start_time, @place, @chair, 'signed', @chair, @meeting_date)`)
    const member = db.prepare('INSERT INTO panel_member (meeting_id, name, role, attended) VALUES (?, ?, ?, 1)')
    for (const m of data.meetings) {
      await meeting.run(m)
      for (const p of m.members) await member.run(m.id, p.name, p.role)
    }
    await insertAll(db, 'agenda_item', data.agenda, ['id', 'meeting_id', 'child_id', 'position', 'slot_time', 'social_worker', 'reason'])
    const decision =
      db.prepare(`INSERT INTO decision (id, child_id, meeting_id, agenda_item_id, decision_date, outcome, return_date, reasons, conditions, support,
      quorate, source, locked, recorded_by, recorded_at) VALUES (@id, @child_id, @meeting_id, @agenda_item_id, @decision_date, @outcome, @return_date, @reasons,
      @conditions, @support, 1, 'demo', 0, 'demo', @decision_date)`)
    const named = db.prepare('INSERT INTO decision_carer (decision_id, carer_id) VALUES (?, ?)')
    const support = db.prepare(
      `INSERT INTO decision_support (decision_id, placement_start, support_plan, training, allowances, contact, delegated_authority) VALUES (?, ?, 1, 1, 1, 1, 1)`
    )
    for (const { carer_ids, placement_start, ...d } of data.decisions) {
      await decision.run(d)
      for (const carerId of carer_ids) await named.run(d.id, carerId)
      if (d.outcome === 'agreed') await support.run(d.id, placement_start)
    }
    // Signed, as the meetings are: what each decision is about is locked with it.
    await db.prepare("UPDATE decision SET locked = 1 WHERE source = 'demo'").run()
    for (const o of data.oversight) {
      await insertOversightEntry(db, {
        childId: o.child_id,
        entryDate: o.entry_date,
        manager: o.manager,
        note: o.note,
        nextReviewDate: o.next_review_date,
        source: 'demo',
        recordedBy: 'demo',
        recordedAt: o.entry_date
      })
    }
    const action = db.prepare(`INSERT INTO action (child_id, decision_id, meeting_id, description, owner, due_date, done_at, created_by, created_at)
      VALUES (@child_id, @decision_id, @meeting_id, @description, @owner, @due_date, @done_at, 'demo', @due_date)`)
    for (const a of data.actions) await action.run(a)
    await writeSetting(db, 'demo', '1')
    await writeSetting(db, 'demo_as_of', data.asOf)
    // A new database opens on the tracker: have its spans ready rather than on first read.
    await refreshTrackerSpans(db)
    await audit(db, {
      who,
      action: 'demo.load',
      entity: 'database',
      after: { asOf: data.asOf, children: data.children.length, episodes: data.episodes.length, at: now }
    })
  })()
  return {
    children: data.children.length,
    lookedAfter: data.lookedAfter,
    episodes: data.episodes.length,
    carers: data.carers.length,
    meetings: data.meetings.length,
    decisions: data.decisions.length,
    oversight: data.oversight.length
  }
}

export const createDemo = async (db: Db, options: DemoOptions, who: string): Promise<DemoSummary> => await loadDemo(db, generateDemo(options), who)
