import { labelForPath } from '../../../shared/contract/labels'
import { ukDateTime } from '../../../shared/days'
import { AppError } from '../errors'
import type { Db } from './db'
import type { versionedTables } from './migrations/014_edit_versions'

export type VersionedTable = (typeof versionedTables)[number]

/** Bookkeeping columns a person does not edit: never named as "what they changed". */
const bookkeeping = new Set([
  'id',
  'version',
  'recordedBy',
  'recordedAt',
  'quorate',
  'meetingId',
  'agendaItemId',
  'childId',
  'cycleId',
  'snapshot',
  'oversightEntryId',
  'signedBy',
  'signedAt',
  'decisionDate',
  'source',
  'locked',
  'superseded',
  'amendsId',
  'importBatchId'
])

const camel = (column: string): string => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

const asObject = (json: string | null): Record<string, unknown> | null => {
  const value = json === null ? null : (JSON.parse(json) as unknown)
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/** The fields an audit entry changed, by their on-screen labels (a new record: the fields it set). */
export function changedFieldLabels(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return []
  const keys = Object.keys(after).filter(
    (k) =>
      !bookkeeping.has(camel(k)) && (before ? JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null) : after[k] !== null && after[k] !== '')
  )
  return [...new Set(keys.map((k) => labelForPath([camel(k)]).label.toLowerCase()))]
}

export interface LastChange {
  who: string
  at: string
  fields: string[]
}

/** Who last changed the row, when and which fields, from its newest audit entry among `actions`. */
export async function lastChangeOf(db: Db, table: VersionedTable, id: number, actions: readonly string[]): Promise<LastChange | null> {
  const marks = actions.map(() => '?').join(', ')
  const row = (await db
    .prepare(`SELECT who, at, before, after FROM audit_log WHERE entity = ? AND entity_id = ? AND action IN (${marks}) ORDER BY id DESC LIMIT 1`)
    .get(table, String(id), ...actions)) as { who: string; at: string; before: string | null; after: string | null } | undefined
  return row ? { who: row.who, at: row.at, fields: changedFieldLabels(asObject(row.before), asObject(row.after)) } : null
}

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

/**
 * The refusal of a save made against a version someone else has since replaced: who
 * changed it, when, and what, with the row as they left it in `details.current`, so the
 * screen can show their values beside the user's unsaved text.
 */
export function conflictError(what: string, change: LastChange | null, current: unknown): AppError {
  const by = change
    ? `${change.who} changed ${what} at ${ukDateTime(change.at)}${change.fields.length ? ` (${list(change.fields)})` : ''}`
    : `Someone else changed ${what}`
  return new AppError(
    'conflict',
    `${by} after you opened it, so your changes were not saved. Nothing was overwritten: compare their version with yours, then save again.`,
    {
      current,
      changedBy: change?.who ?? null,
      changedAt: change?.at ?? null,
      changedFields: change?.fields ?? []
    }
  )
}

/**
 * Checks the version the user saw is still the row's, inside the save's transaction,
 * and claims the next one: `UPDATE … SET version = version + 1 WHERE id = ? AND version = ?`.
 * No expected version (the CLI, older callers): the save goes ahead and still bumps it.
 * Returns false when the row moved on, for the caller to throw its conflict.
 */
export async function claimVersion(db: Db, table: VersionedTable, id: number, expectedVersion: number | undefined): Promise<boolean> {
  const info =
    expectedVersion === undefined
      ? await db.prepare(`UPDATE ${table} SET version = version + 1 WHERE id = ?`).run(id)
      : await db.prepare(`UPDATE ${table} SET version = version + 1 WHERE id = ? AND version = ?`).run(id, expectedVersion)
  return info.changes > 0
}
