import { homedir } from 'node:os'
import { join } from 'node:path'

export const productName = 'Permanence Desk'

/**
 * Where the database lives unless --db / PERMANENCE_DB say otherwise: the same
 * per-user folder Electron calls userData, so the desktop app, the browser mode and
 * the CLI all find one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName)
}

export const defaultDbPath = (env: NodeJS.ProcessEnv = process.env): string => env.PERMANENCE_DB ?? join(defaultDataDir(env), 'permanence.db')
