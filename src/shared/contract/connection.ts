import { z } from 'zod'
import { command, query } from './define'
import type { Role } from './people'

/**
 * The desk's connection to a team database (PostgreSQL). The password never travels in
 * these settings: the desktop app keeps it encrypted with the operating system's key
 * store (Electron safeStorage), and it is never sent back to the screen.
 */
export const sslModes = ['disable', 'require', 'verify-full'] as const
export type SslMode = (typeof sslModes)[number]
export const sslModeLabels: Record<SslMode, string> = {
  disable: 'No encryption (a server on this computer only)',
  require: 'Encrypt, without checking the server’s certificate',
  'verify-full': 'Encrypt and verify the server’s certificate and name (verify-full)'
}

export const connectionSettings = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  database: z.string().trim().min(1).max(63),
  user: z.string().trim().min(1).max(63),
  sslmode: z.enum(sslModes),
  /** The certificate authority's file (PEM), needed with verify-full unless the system's CAs vouch for the server. */
  caFile: z.string().trim().max(1000).nullable()
})
export type ConnectionSettings = z.output<typeof connectionSettings>

/** A password as typed: never echoed back, never logged. */
const password = z.string().min(1).max(1000)

export interface ConnectionState {
  /** Only the desktop app keeps a connection (and its password); the browser mode and the CLI take --db / PERMANENCE_DB. */
  keeper: 'desktop' | 'none'
  /** The database open now: 'sqlite' (this desk's file) or 'postgres' (a team database), and where, without any password. */
  current: { engine: 'sqlite' | 'postgres'; location: string }
  /** The saved team connection, used from the next start; null: the embedded database. */
  saved: (ConnectionSettings & { hasPassword: boolean }) | null
  /** False when the operating system offers no encryption for the password (then none is stored). */
  encryptionAvailable: boolean
  /** Set when --db or PERMANENCE_DB names the database: it wins over the saved connection. */
  overriddenBy: 'argument' | 'environment' | null
}

export interface ConnectionTest {
  connected: boolean
  /** In plain English: the server's version, or what went wrong and what to check. Never the password. */
  message: string
  serverVersion: string | null
}

/** One person on the team database, for an administrator: their login and the app roles it holds. */
export interface TeamMember {
  name: string
  canLogin: boolean
  roles: Role[]
}

export const connectionCalls = {
  getConnection: query<ConnectionState>()(z.strictObject({})),
  saveConnection: command<ConnectionState>()(
    z.strictObject({
      settings: connectionSettings,
      /** Omitted: keep the saved password. */
      password: password.optional()
    })
  ),
  useEmbeddedDatabase: command<ConnectionState>()(z.strictObject({})),
  /** Omitting the password uses the saved one (desktop app), else PGPASSWORD / ~/.pgpass. */
  testConnection: query<ConnectionTest>()(z.strictObject({ settings: connectionSettings, password: password.optional() })),
  /** Administrators only, on the team database: who has which roles. */
  listTeamMembers: query<TeamMember[]>()(z.strictObject({}))
}
