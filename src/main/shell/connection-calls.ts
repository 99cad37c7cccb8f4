import { api, describeFieldProblems, fieldProblems, type Result } from '../../shared/api'
import { AppError } from '../core/errors'
import { testConnection } from '../core/team/connect'
import type { ConnectionStore, StartupDatabase } from './connection'

const names = new Set(['getConnection', 'saveConnection', 'useEmbeddedDatabase', 'testConnection'])

/**
 * The connection screen's calls in the desktop app, answered by the main process: only it
 * can reach the operating system's key store (safeStorage), and the saved connection
 * belongs to this desk, not to the database. Other calls return undefined (the worker's).
 */
export function connectionCalls(store: ConnectionStore, current: StartupDatabase): (name: string, input: unknown) => Promise<Result<unknown>> | undefined {
  const run = async (name: string, raw: unknown): Promise<Result<unknown>> => {
    const parsed = api[name as 'saveConnection'].input.safeParse(raw ?? {})
    if (!parsed.success) {
      const fields = fieldProblems(parsed.error)
      return { ok: false, error: { code: 'invalid_input', message: describeFieldProblems(fields), fields } }
    }
    try {
      const input = parsed.data as { settings: never; password?: string }
      if (name === 'saveConnection') store.save(input.settings, input.password)
      if (name === 'useEmbeddedDatabase') store.clear()
      if (name === 'testConnection') return { ok: true, value: await testConnection(input.settings, input.password ?? store.password()) }
      return { ok: true, value: store.state(current) }
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }
      console.error(`[permanence] ${name} failed`, error)
      return {
        ok: false,
        error: { code: 'internal', message: 'Something unexpected went wrong and this could not be finished. The details are in the app’s log.' }
      }
    }
  }
  return (name, input) => (names.has(name) ? run(name, input) : undefined)
}
