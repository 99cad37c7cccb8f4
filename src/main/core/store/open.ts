import { openDb, type OpenOptions } from './db'
import type { PostgresOptions } from './engine/postgres'
import type { Store } from './engine/store'

export interface OpenStoreOptions extends OpenOptions {
  /** Used when `location` is a PostgreSQL URL. */
  postgres?: PostgresOptions
}

import { isPostgresUrl } from './location'

export { isPostgresUrl }

/**
 * Opens the store at `location`: a `postgres://` or `postgresql://` URL is the team
 * database on PostgreSQL, anything else an SQLite file (or ':memory:').
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { postgres, ...sqlite } = options
  // A team database is migrated by `team init` (as its owner); a desk only checks that its
  // history is one this build knows, and refuses a newer or foreign one.
  if (isPostgresUrl(location)) {
    // Loaded only for a team database: a desk on SQLite never pays for the pg driver.
    const [{ openPostgres }, { migratePostgres }] = await Promise.all([import('./engine/postgres'), import('./postgres-schema')])
    return openPostgres(location, { migrate: (store) => migratePostgres(store, undefined, { readonly: true }), ...postgres })
  }
  return openDb(location, sqlite)
}
