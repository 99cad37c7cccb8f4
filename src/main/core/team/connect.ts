/**
 * A desk's connection to the team database: the `postgres://` URL built from the
 * connection screen's settings, and the "Test connection" button's check, which answers
 * in plain English and never repeats the password.
 */
import pg from 'pg'
import type { ConnectionSettings, ConnectionTest } from '../../../shared/api'
import { must } from '../../../shared/must'

const hostPart = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

/**
 * The URL for these settings. The password, when given, is URL-encoded into it (the app
 * hands the URL to its own database thread only; messages use the URL without it).
 * `require` keeps libpq's meaning (encrypted, certificate not checked); `verify-full`
 * checks the certificate against `caFile` (or the system's CAs) and the host name.
 */
export function connectionUrl(settings: ConnectionSettings, password?: string): string {
  const auth = encodeURIComponent(settings.user) + (password === undefined ? '' : `:${encodeURIComponent(password)}`)
  const params = new URLSearchParams()
  if (settings.sslmode === 'require') params.set('uselibpqcompat', 'true')
  params.set('sslmode', settings.sslmode)
  if (settings.sslmode === 'verify-full' && settings.caFile) params.set('sslrootcert', settings.caFile)
  return `postgresql://${auth}@${hostPart(settings.host)}:${settings.port}/${encodeURIComponent(settings.database)}?${params.toString()}`
}

interface ErrorLike {
  code?: string
  message?: string
  path?: string
}

/** What went wrong, in words a council's IT officer can act on. */
function explain(error: ErrorLike, settings: ConnectionSettings): string {
  const at = `${settings.host}:${settings.port}`
  switch (error.code) {
    case '28P01':
      return `The server refused the password for user "${settings.user}". Check the user name and password.`
    case '28000':
      return `The server does not let user "${settings.user}" connect to "${settings.database}" from this computer (its pg_hba.conf), or refuses this encryption setting. Ask the server's administrator.`
    case '3D000':
      return `The server at ${at} has no database called "${settings.database}".`
    case 'ECONNREFUSED':
      return `Nothing answered at ${at}: check the server name and port, and that PostgreSQL is running and accepts connections from this computer.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `No server called "${settings.host}" could be found. Check the name.`
    case 'ETIMEDOUT':
      return `The server at ${at} did not answer in time: a firewall may be in the way.`
    case 'ENOENT':
    case 'EACCES':
      return `The certificate authority file ${error.path ?? settings.caFile ?? ''} cannot be read. Choose the CA file (PEM) the server's certificate was issued by.`
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `The server's certificate is not for "${settings.host}". Use the name the certificate was issued to.`
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
      return `The server's certificate could not be verified (${error.code}). Choose the certificate authority file it was issued by, or ask the server's administrator.`
  }
  if (/does not support SSL/i.test(error.message ?? ''))
    return `The server at ${at} does not offer encryption (TLS). Choose "No encryption" only for a server on this computer; otherwise ask its administrator to turn TLS on.`
  if (/timeout/i.test(error.message ?? '')) return `The server at ${at} did not answer in time: a firewall may be in the way.`
  return `Could not connect to ${at}: ${error.message ?? String(error)}`
}

/** Connects once with these settings and reports the server's version, or why it could not. */
export async function testConnection(settings: ConnectionSettings, password?: string): Promise<ConnectionTest> {
  let client: pg.Client | undefined
  try {
    client = new pg.Client({ connectionString: connectionUrl(settings, password), connectionTimeoutMillis: 10_000, application_name: 'Permanence Desk (test)' })
    client.on('error', () => undefined)
    await client.connect()
    const { rows } = await client.query<{ version: string; ssl: boolean }>(
      "SELECT current_setting('server_version') AS version, COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) AS ssl"
    )
    const { version, ssl } = must(rows[0], 'a SELECT without FROM returns one row')
    return {
      connected: true,
      serverVersion: version,
      message: `Connected to PostgreSQL ${version} at ${settings.host}:${settings.port}, database "${settings.database}", as "${settings.user}"${ssl ? ', encrypted' : ', not encrypted'}.`
    }
  } catch (error) {
    const message = explain(error as ErrorLike, settings)
    // Whatever a driver or server put in its message, the password is never shown.
    const safe = password ? message.split(password).join('••••').split(encodeURIComponent(password)).join('••••') : message
    return { connected: false, serverVersion: null, message: safe }
  } finally {
    await client?.end().catch(() => undefined)
  }
}
