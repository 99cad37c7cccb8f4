import { afterEach } from 'vitest'
import type { Context } from '../../src/main/core/context'
import { openContext } from '../../src/main/core/session'
import { asSuperuser, testEngine, testPostgres } from './postgres'

const open: Context[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.db.close()
})

const deskPassword = 'second-desk-password'

/**
 * Another person on the same database as `ctx`, as they would be: on SQLite the same file
 * under their name; on PostgreSQL their own login (the audit log's `who` must be the login).
 * Closed after the test.
 */
export async function secondDesk(ctx: Context, user: string): Promise<Context> {
  let location = ctx.dbPath
  if (testEngine() === 'postgres') {
    if (!/^[a-z_][a-z0-9_]*$/.test(user)) throw new Error(`${user} is not a plain login name`)
    await asSuperuser(testPostgres().url(), (client) =>
      client.query(`DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${user}') THEN CREATE ROLE ${user} LOGIN SUPERUSER PASSWORD '${deskPassword}'; END IF;
        END $$`)
    )
    const url = new URL(ctx.dbPath)
    url.username = user
    url.password = deskPassword
    location = url.toString()
  }
  const other = await openContext(location, 'cli', user)
  other.today = ctx.today
  open.push(other)
  return other
}
