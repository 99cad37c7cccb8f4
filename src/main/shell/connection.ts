/**
 * The desktop app's saved team-database connection: the settings in a JSON file in the
 * app's user-data folder, the password encrypted by the operating system's key store
 * (Electron safeStorage, injected so this runs and is tested under plain Node).
 * Switching takes effect at the next start; --db and PERMANENCE_DB still win.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { connectionSettings, describeFieldProblems, fieldProblems, type ConnectionSettings, type ConnectionState } from '../../shared/api'
import { AppError } from '../core/errors'
import { writeBufferAtomicallySync } from '../core/io/atomic-write'
import { isPostgresUrl } from '../core/store/open'
import { withoutPassword } from '../core/store/engine/postgres'
import { connectionUrl } from '../core/team/connect'
import type { ShellArgs } from './args'

/** The part of Electron's safeStorage used here. */
export interface SecretKeeper {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: 'basic_text' means no key store, just a fixed key, so nothing is really protected. */
  getSelectedStorageBackend?(): string
}

export const connectionFileName = 'connection.json'

interface ConnectionFile {
  version: 1
  settings: ConnectionSettings
  /** base64 of safeStorage's encryption of the password; null: PGPASSWORD or ~/.pgpass supply it. */
  password: string | null
}

export interface SavedConnection {
  settings: ConnectionSettings
  hasPassword: boolean
}

/** Where the desk's database comes from at start: --db / PERMANENCE_DB, the saved connection, or the embedded default. */
export interface StartupDatabase {
  location: string
  source: ShellArgs['dbSource'] | 'saved connection'
}

export class ConnectionStore {
  readonly file: string

  constructor(
    readonly dir: string,
    private readonly keeper: SecretKeeper
  ) {
    this.file = join(dir, connectionFileName)
  }

  /** True when a password can be kept encrypted on this computer. */
  encryptionAvailable(): boolean {
    return this.keeper.isEncryptionAvailable() && this.keeper.getSelectedStorageBackend?.() !== 'basic_text'
  }

  private load(): ConnectionFile | null {
    if (!existsSync(this.file)) return null
    let parsed: Partial<ConnectionFile>
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ConnectionFile>
    } catch (error) {
      throw new AppError(
        'bad_database',
        `The saved connection in ${this.file} cannot be read (${(error as Error).message}). Delete the file to use the embedded database.`
      )
    }
    const settings = connectionSettings.safeParse(parsed.settings)
    if (parsed.version !== 1 || !settings.success || (parsed.password !== null && typeof parsed.password !== 'string')) {
      throw new AppError(
        'bad_database',
        `The saved connection in ${this.file} is not one this version of the app wrote. Delete the file to use the embedded database.`
      )
    }
    return { version: 1, settings: settings.data, password: parsed.password }
  }

  read(): SavedConnection | null {
    const file = this.load()
    return file && { settings: file.settings, hasPassword: file.password !== null }
  }

  /** The saved password, decrypted; undefined when none is kept. */
  password(): string | undefined {
    const stored = this.load()?.password
    if (!stored) return undefined
    try {
      return this.keeper.decryptString(Buffer.from(stored, 'base64'))
    } catch {
      throw new AppError(
        'bad_database',
        `The password saved in ${this.file} cannot be decrypted on this computer or by this user. Enter it again on the Database connection screen.`
      )
    }
  }

  /**
   * Saves the settings; `password` replaces the saved one, omitted keeps it. Refuses,
   * changing nothing, to keep a password the operating system cannot encrypt.
   */
  save(input: unknown, password?: string): SavedConnection {
    const settings = connectionSettings.safeParse(input)
    if (!settings.success) {
      const fields = fieldProblems(settings.error)
      throw new AppError('invalid_input', describeFieldProblems(fields), undefined, fields)
    }
    const previous = this.load()
    let encrypted = previous?.password ?? null
    if (password !== undefined) {
      if (!this.encryptionAvailable()) {
        throw new AppError(
          'invalid_input',
          'This computer offers no encryption for saved passwords (no key store for this user), so the password was not saved and nothing changed. Save without a password and give it with PGPASSWORD or ~/.pgpass instead.'
        )
      }
      encrypted = this.keeper.encryptString(password).toString('base64')
    }
    const file: ConnectionFile = { version: 1, settings: settings.data, password: encrypted }
    mkdirSync(this.dir, { recursive: true })
    writeBufferAtomicallySync(this.file, `${JSON.stringify(file, null, 2)}\n`)
    return { settings: settings.data, hasPassword: encrypted !== null }
  }

  /** Back to the embedded database (SQLite) from the next start: forgets the settings and the password. */
  clear(): void {
    rmSync(this.file, { force: true })
  }

  /** The URL to open, password included (for the app's own database thread only). */
  url(): string | null {
    const saved = this.read()
    return saved && connectionUrl(saved.settings, this.password())
  }

  /** What the connection screen shows. */
  state(current: StartupDatabase): ConnectionState {
    const saved = this.read()
    const engine = isPostgresUrl(current.location) ? 'postgres' : 'sqlite'
    return {
      keeper: 'desktop',
      current: { engine, location: shownLocation(current.location) },
      saved: saved && { ...saved.settings, hasPassword: saved.hasPassword },
      encryptionAvailable: this.encryptionAvailable(),
      overriddenBy: current.source === 'argument' || current.source === 'environment' ? current.source : null
    }
  }
}

/** A database location fit for a log or a message: a URL loses its password. */
export const shownLocation = (location: string): string => (isPostgresUrl(location) ? withoutPassword(location) : location)

/** The database the desktop app opens: --db or PERMANENCE_DB first, then the saved connection, then the embedded default. */
export function startupDatabase(args: ShellArgs, connections: ConnectionStore): StartupDatabase {
  if (args.dbSource !== 'default') return { location: args.dbPath, source: args.dbSource }
  const url = connections.url()
  return url ? { location: url, source: 'saved connection' } : { location: args.dbPath, source: 'default' }
}
