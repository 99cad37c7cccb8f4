import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConnectionSettings } from '../../src/shared/api'
import { connectionUrl } from '../../src/main/core/team/connect'
import { parseIntoClientConfig } from 'pg-connection-string'
import { ConnectionStore, startupDatabase, type SecretKeeper } from '../../src/main/shell/connection'
import { connectionCalls } from '../../src/main/shell/connection-calls'
import { tempDir } from '../helpers/tmp'

/** Stands in for Electron's safeStorage: reversible, and never the plain text. */
function fakeKeeper(available = true, backend = 'gnome_libsecret'): SecretKeeper & { encrypted: number } {
  const keeper = {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => {
      keeper.encrypted++
      return Buffer.from(`v10${Buffer.from(plain, 'utf8').toString('hex').split('').reverse().join('')}`)
    },
    decryptString: (data: Buffer) => Buffer.from(data.toString().slice(3).split('').reverse().join(''), 'hex').toString('utf8')
  }
  return keeper
}

const settings: ConnectionSettings = {
  host: 'db.council.example',
  port: 5432,
  database: 'permanence',
  user: 'asmith',
  sslmode: 'verify-full',
  caFile: '/etc/ssl/council-ca.pem'
}
const password = 'p@ss:w/rd?#& ünï'

describe('the saved team connection', () => {
  it('keeps the settings and the password through a round trip, with no plain password in the file', () => {
    const dir = tempDir()
    const store = new ConnectionStore(dir, fakeKeeper())
    expect(store.read()).toBeNull()
    expect(store.save(settings, password)).toEqual({ settings, hasPassword: true })
    const text = readFileSync(join(dir, 'connection.json'), 'utf8')
    expect(text).not.toContain(password)
    expect(text).not.toContain(encodeURIComponent(password))
    expect(JSON.parse(text)).toMatchObject({ version: 1, settings })
    const again = new ConnectionStore(dir, fakeKeeper())
    expect(again.read()).toEqual({ settings, hasPassword: true })
    expect(again.password()).toBe(password)
    // Saving without a password keeps the one saved; clearing goes back to the embedded database.
    again.save({ ...settings, port: 6432 })
    expect(again.password()).toBe(password)
    expect(again.read()?.settings.port).toBe(6432)
    again.clear()
    expect(again.read()).toBeNull()
    expect(again.password()).toBeUndefined()
  })

  it('refuses to keep a password the operating system cannot encrypt, and changes nothing', () => {
    for (const keeper of [fakeKeeper(false), fakeKeeper(true, 'basic_text')]) {
      const dir = tempDir()
      const store = new ConnectionStore(dir, keeper)
      store.save(settings)
      expect(() => store.save({ ...settings, port: 1 }, password)).toThrow(
        /offers no encryption for saved passwords.*not saved and nothing changed.*PGPASSWORD/
      )
      expect(keeper.encrypted).toBe(0)
      expect(store.read()).toEqual({ settings, hasPassword: false })
      expect(readFileSync(join(dir, 'connection.json'), 'utf8')).not.toContain(password)
    }
  })

  it('refuses bad settings by field, and says which file is damaged', () => {
    const dir = tempDir()
    const store = new ConnectionStore(dir, fakeKeeper())
    expect(() => store.save({ ...settings, port: 70000, host: '' })).toThrow(/Server.*Port|Port.*Server/)
    expect(store.read()).toBeNull()
    writeFileSync(join(dir, 'connection.json'), '{"version":1,')
    expect(() => store.read()).toThrow(`The saved connection in ${join(dir, 'connection.json')} cannot be read`)
  })

  it('builds the URL with the password encoded, and verify-full with its CA file', () => {
    const url = connectionUrl(settings, password)
    expect(url).toBe(
      `postgresql://asmith:${encodeURIComponent(password)}@db.council.example:5432/permanence?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fcouncil-ca.pem`
    )
    // What pg will read back from it.
    const parsed = parseIntoClientConfig(connectionUrl({ ...settings, caFile: null, database: 'perm db' }, password))
    expect(parsed).toMatchObject({ user: 'asmith', password, host: 'db.council.example', port: 5432, database: 'perm db', ssl: {} })
    expect(connectionUrl({ ...settings, sslmode: 'disable', caFile: null })).toBe('postgresql://asmith@db.council.example:5432/permanence?sslmode=disable')
    expect(parseIntoClientConfig(connectionUrl({ ...settings, sslmode: 'require', caFile: null }))).toMatchObject({ ssl: { rejectUnauthorized: false } })
    expect(connectionUrl({ ...settings, host: '::1', sslmode: 'disable' })).toMatch(/^postgresql:\/\/asmith@\[::1\]:5432\//)
  })

  it('opens the saved connection at start unless --db or PERMANENCE_DB name a database', () => {
    const store = new ConnectionStore(tempDir(), fakeKeeper())
    const desk = { dbPath: '/home/a/.config/Permanence Desk/permanence.db', dbSource: 'default' as const }
    expect(startupDatabase(desk, store)).toEqual({ location: desk.dbPath, source: 'default' })
    store.save(settings, password)
    expect(startupDatabase(desk, store)).toEqual({ location: connectionUrl(settings, password), source: 'saved connection' })
    expect(startupDatabase({ dbPath: '/tmp/x.db', dbSource: 'argument' }, store)).toEqual({ location: '/tmp/x.db', source: 'argument' })
    expect(startupDatabase({ dbPath: 'postgres://b@h/d', dbSource: 'environment' }, store)).toEqual({ location: 'postgres://b@h/d', source: 'environment' })
  })

  it("answers the screen's calls in the desktop app, never sending the password back", async () => {
    const store = new ConnectionStore(tempDir(), fakeKeeper())
    const current = { location: connectionUrl(settings, password), source: 'saved connection' as const }
    const answer = connectionCalls(store, current)
    expect(answer('listChildren', {})).toBeUndefined()
    const saved = await answer('saveConnection', { settings, password })!
    expect(saved).toEqual({
      ok: true,
      value: {
        keeper: 'desktop',
        current: {
          engine: 'postgres',
          location: 'postgresql://asmith@db.council.example:5432/permanence?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fcouncil-ca.pem'
        },
        saved: { ...settings, hasPassword: true },
        encryptionAvailable: true,
        overriddenBy: null
      }
    })
    expect(JSON.stringify(saved)).not.toContain(encodeURIComponent(password))
    expect(await answer('saveConnection', { settings: { ...settings, port: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Port must be a number.' }
    })
    expect(await answer('useEmbeddedDatabase', {})).toMatchObject({ ok: true, value: { saved: null } })
  })
})
