import { AppError } from '../errors'

/** One row of schema_migration: a migration a database has recorded. */
export interface RecordedMigration {
  version: number
  name: string
}

/**
 * Both engines refuse a database whose recorded history is not a prefix of the build's
 * (written by a newer build, or by a different one), before changing anything.
 */
export function checkMigrationHistory(recorded: readonly RecordedMigration[], known: readonly RecordedMigration[]): void {
  const newest = recorded.at(-1)?.version ?? 0
  const latest = known.at(-1)?.version ?? 0
  if (newest > latest) {
    throw new AppError(
      'newer_database',
      `This database has schema version ${newest}, written by a newer Permanence Desk (this one knows up to ${latest}). Update the app; the database was not changed.`
    )
  }
  recorded.forEach((row, i) => {
    const expected = known.at(i)
    if (expected === undefined || row.version !== expected.version || expected.name !== row.name) {
      throw new AppError('bad_database', `Migration history does not match this app at version ${row.version} ("${row.name}"); the database was not changed.`)
    }
  })
}
