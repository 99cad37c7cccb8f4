import { systemClock, type Clock } from '../clock'
import { trackerViewDefinition, type SavedTrackerView, type TrackerViewDefinition } from '../../../shared/contract/tracker'
import { notFound } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'

interface ViewRecord {
  id: number
  name: string
  definition: string
  createdBy: string
  updatedAt: string
}

const select = 'SELECT id, name, definition, created_by AS "createdBy", updated_at AS "updatedAt" FROM tracker_view'

// A definition saved by an older build may not parse any more: keep what still does.
const toView = (r: ViewRecord): SavedTrackerView => {
  const parsed = trackerViewDefinition.safeParse(JSON.parse(r.definition))
  return { ...r, definition: parsed.success ? parsed.data : {} }
}

export const listTrackerViews = async (db: Db): Promise<SavedTrackerView[]> =>
  ((await db.prepare(`${select} ORDER BY ${db.sql.nocase('name')}, id`).all()) as ViewRecord[]).map(toView)

export async function saveTrackerView(
  db: Db,
  who: string,
  name: string,
  definition: TrackerViewDefinition,
  clock: Clock = systemClock
): Promise<SavedTrackerView> {
  return await db.transaction(async () => {
    const before = (await db.prepare(`${select} WHERE name = ?`).get(name)) as ViewRecord | undefined
    await db
      .prepare(
        `INSERT INTO tracker_view (name, definition, created_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`
      )
      .run(name, JSON.stringify(definition), who, clock.timestamp())
    const saved = toView((await db.prepare(`${select} WHERE name = ?`).get(name)) as ViewRecord)
    await audit(db, {
      who,
      at: clock.timestamp(),
      action: before ? 'tracker.view.update' : 'tracker.view.create',
      entity: 'tracker_view',
      entityId: saved.id,
      before: before && toView(before),
      after: saved
    })
    return saved
  })()
}

export async function deleteTrackerView(db: Db, who: string, id: number): Promise<{ deleted: number }> {
  return await db.transaction(async () => {
    const before = (await db.prepare(`${select} WHERE id = ?`).get(id)) as ViewRecord | undefined
    if (!before) throw notFound(`No saved tracker view with id ${id}`)
    await db.prepare('DELETE FROM tracker_view WHERE id = ?').run(id)
    await audit(db, { who, action: 'tracker.view.delete', entity: 'tracker_view', entityId: id, before: toView(before) })
    return { deleted: 1 }
  })()
}
