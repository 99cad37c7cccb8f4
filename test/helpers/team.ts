import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openPostgres } from '../../src/main/core/store/engine/postgres'
import { migratePostgres } from '../../src/main/core/store/postgres-schema'
import { testPostgres } from './postgres'

/**
 * Team-database tests share one PostgreSQL server (testPostgres), whose roles are
 * server-wide: each test file names its logins with its own suffix so files running at
 * once never meet, and reads back only its own.
 */
export const loginSuffix = randomBytes(3).toString('hex')
export const login = (base: string): string => `${base}_${loginSuffix}`

export interface TeamDatabase {
  /** The superuser's URL of a fresh, empty database. */
  url: string
  /** The same database as `user`. */
  as: (user: string, password: string) => string
  /** The real PostgreSQL schema (what `team init` runs through the CLI). */
  migrate: () => Promise<void>
  /** A connected superuser client, closed by close(). */
  admin: () => Promise<pg.Client>
  close: () => Promise<void>
}

export async function emptyTeamDatabase(name: string): Promise<TeamDatabase> {
  const server = testPostgres()
  const url = await server.createDatabase(name)
  const database = decodeURIComponent(new URL(url).pathname.slice(1))
  const clients: pg.Client[] = []
  return {
    url,
    as: (user, password) => server.url(database, user, password),
    migrate: async () => {
      const store = await openPostgres(url, { migrate: (db) => migratePostgres(db) })
      await store.close()
    },
    admin: async () => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      clients.push(client)
      return client
    },
    close: async () => {
      for (const c of clients.splice(0)) await c.end().catch(() => undefined)
    }
  }
}
