import type Database from 'better-sqlite3'

export interface Migration {
  /**
   * Increasing, recorded in schema_migration. Numbers are reserved per branch, so one
   * branch may lack a number another branch holds until both are merged.
   */
  version: number
  name: string
  up: (db: Database.Database) => void
}
