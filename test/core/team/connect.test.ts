/** The connection screen's "Test connection", through dispatch, against the real test server. */
import { describe, expect, it } from 'vitest'
import type { ConnectionSettings, ConnectionTest } from '../../../src/shared/api'
import { dispatch } from '../../../src/main/core/dispatch'
import { testPostgres } from '../../helpers/postgres'
import { tempContext } from '../../helpers/tmp'

const server = () => testPostgres().info
const settings = (): ConnectionSettings => ({
  host: server().host,
  port: server().port,
  database: 'postgres',
  user: server().user,
  sslmode: 'disable',
  caFile: null
})

async function test(input: { settings: ConnectionSettings; password?: string }): Promise<ConnectionTest> {
  const result = await dispatch(await tempContext(), 'testConnection', input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as ConnectionTest
}

describe('testing a connection', () => {
  it("reports the server's version when the settings and password are right", async () => {
    const answer = await test({ settings: settings(), password: server().password })
    expect(answer).toEqual({
      connected: true,
      serverVersion: expect.stringMatching(/^1[5-9]/),
      message: `Connected to PostgreSQL ${answer.serverVersion} at 127.0.0.1:${server().port}, database "postgres", as "postgres", not encrypted.`
    })
  })

  it('says in plain words that the password was refused, without repeating it', async () => {
    const wrong = 'Wr0ng-p@ss:word'
    const answer = await test({ settings: settings(), password: wrong })
    expect(answer).toEqual({
      connected: false,
      serverVersion: null,
      message: 'The server refused the password for user "postgres". Check the user name and password.'
    })
    expect(JSON.stringify(answer)).not.toContain(wrong)
  })

  it('names a missing database, a server that does not answer, and one without TLS for verify-full', async () => {
    expect((await test({ settings: { ...settings(), database: 'no_such_db' }, password: server().password })).message).toBe(
      `The server at 127.0.0.1:${server().port} has no database called "no_such_db".`
    )
    // Port 1 (tcpmux) has no listener here; a freshly picked free port could be taken meanwhile.
    const closed = await test({ settings: { ...settings(), port: 1 }, password: server().password })
    expect(closed).toMatchObject({ connected: false, message: expect.stringMatching(/^Nothing answered at 127\.0\.0\.1:1: check the server name and port/) })
    const tls = await test({ settings: { ...settings(), sslmode: 'verify-full' }, password: server().password })
    expect(tls.message).toBe(
      `The server at 127.0.0.1:${server().port} does not offer encryption (TLS). Choose "No encryption" only for a server on this computer; otherwise ask its administrator to turn TLS on.`
    )
  })

  it('refuses to keep a connection outside the desktop app, and says where the password goes instead', async () => {
    const result = await dispatch(await tempContext(), 'saveConnection', { settings: settings(), password: 'x' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Only the desktop app keeps a connection.*PGPASSWORD or ~\/\.pgpass/) }
    })
  })
})
