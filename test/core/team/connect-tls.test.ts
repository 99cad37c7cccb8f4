/**
 * "Test connection" with TLS against the real test server, switched to TLS for this file
 * with a certificate authority and a server certificate for "localhost" made here by
 * openssl: verify-full trusts the CA file given, and refuses a name the certificate is not for.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionSettings, ConnectionTest } from '../../../src/shared/api'
import { dispatch } from '../../../src/main/core/dispatch'
import { asSuperuser, testPostgres } from '../../helpers/postgres'
import { tempContext } from '../../helpers/tmp'
import { firstOf } from '../../helpers/defined'

const server = () => testPostgres().info
let dir: string

/** The test server runs as `permanence-test` when the tests run as root (initdb refuses root). */
function serverOwns(path: string): void {
  if (process.getuid?.() !== 0) return
  const id = (flag: string) => Number(execFileSync('id', [flag, 'permanence-test']).toString())
  chownSync(path, id('-u'), id('-g'))
}

const superuser = <T>(sql: string) => asSuperuser(testPostgres().url(), (client) => client.query(sql)) as Promise<T>

async function sslIs(value: 'on' | 'off'): Promise<void> {
  await superuser('SELECT pg_reload_conf()')
  for (let i = 0; i < 100; i++) {
    const { rows } = await superuser<{ rows: { ssl: string }[] }>('SHOW ssl')
    if (firstOf(rows).ssl === value) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the test server's ssl setting did not become ${value}`)
}

beforeAll(async () => {
  // Not tempDir(): that goes after each test, and the CA file is needed by every one.
  dir = mkdtempSync(join(tmpdir(), 'permanence-tls-'))
  chmodSync(dir, 0o755)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Permanence test CA')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost\n')
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'san.ext'
  )
  for (const file of ['server.key', 'server.crt']) serverOwns(join(dir, file))
  chmodSync(join(dir, 'server.key'), 0o600)
  await superuser(`ALTER SYSTEM SET ssl_cert_file = '${join(dir, 'server.crt')}'`)
  await superuser(`ALTER SYSTEM SET ssl_key_file = '${join(dir, 'server.key')}'`)
  await superuser('ALTER SYSTEM SET ssl = on')
  await sslIs('on')
})

afterAll(async () => {
  await superuser('ALTER SYSTEM RESET ssl')
  await superuser('ALTER SYSTEM RESET ssl_cert_file')
  await superuser('ALTER SYSTEM RESET ssl_key_file')
  await sslIs('off')
  rmSync(dir, { recursive: true, force: true })
})

const settings = (over: Partial<ConnectionSettings>): ConnectionSettings => ({
  host: 'localhost',
  port: server().port,
  database: 'postgres',
  user: server().user,
  sslmode: 'verify-full',
  caFile: join(dir, 'ca.pem'),
  ...over
})

async function test(over: Partial<ConnectionSettings>): Promise<ConnectionTest> {
  const result = await dispatch(await tempContext(), 'testConnection', { settings: settings(over), password: server().password })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as ConnectionTest
}

describe('testing a connection over TLS', () => {
  it('connects with verify-full when the CA file vouches for the server and the name matches', async () => {
    const answer = await test({})
    expect(answer).toMatchObject({ connected: true, message: expect.stringMatching(/^Connected to PostgreSQL .* as "postgres", encrypted\.$/) })
    expect(await test({ sslmode: 'require', caFile: null })).toMatchObject({ connected: true, message: expect.stringMatching(/, encrypted\.$/) })
  })

  it('refuses a name the certificate is not for, an untrusted certificate and an unreadable CA file', async () => {
    expect(await test({ host: '127.0.0.1' })).toEqual({
      connected: false,
      serverVersion: null,
      message: 'The server\'s certificate is not for "127.0.0.1". Use the name the certificate was issued to.'
    })
    expect((await test({ caFile: null })).message).toMatch(
      /^The server's certificate could not be verified \([A-Z_]+\)\. Choose the certificate authority file/
    )
    const missing = join(dir, 'no-such-ca.pem')
    expect((await test({ caFile: missing })).message).toBe(
      `The certificate authority file ${missing} cannot be read. Choose the CA file (PEM) the server's certificate was issued by.`
    )
  })
})
