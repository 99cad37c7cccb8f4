import type { z } from 'zod'
import { api, describeFieldProblems, fieldProblems, placementOption, type CallName, type Result } from '../../shared/api'
import type { CatalogueLabels } from '../../shared/contract/labels'
import { optionName } from '../../shared/placement-options'
import { optionLabels } from './costs/catalogue'
import type { Context } from './context'
import { AppError } from './errors'
import { recoveryCalls } from './backup/handlers'
import { handlers } from './handlers'

const slowCallMs = 40

/**
 * The catalogue's labels when a refused field is keyed by an option a commissioner added
 * (the built-in ones have short names), so the message names it as the screen does; none
 * to look up, or none readable by this login, and the code stands.
 */
async function addedOptionLabels(ctx: Context, error: z.ZodError): Promise<CatalogueLabels | undefined> {
  const codes = error.issues.flatMap((issue) => issue.path.map(String)).filter((part) => placementOption.safeParse(part).success && optionName(part) === part)
  if (codes.length === 0) return undefined
  return await optionLabels(ctx.db).catch(() => undefined)
}

const isBusy = (error: unknown): boolean => typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_BUSY')

const isCallName = (name: string): name is CallName => Object.hasOwn(api, name)

export { describeZodError } from './zod-errors'

/** What the person at the screen sees for an unexpected failure: the cause is for the log, not for them. */
export const internalFailure = (): Result<never> => ({
  ok: false,
  error: { code: 'internal', message: 'Something unexpected went wrong and this could not be finished. The details are in the app’s log.' }
})

/** "signOffMeeting" → "sign off meeting": what was asked, in words a person reads. */
export const callInWords = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()

const forbiddenPrefix = 'Not permitted for your role'

/**
 * A refusal for the person's role (the team database's permission denied, or a handler's
 * own rule): always said as such, naming what was asked, never as a failure. The
 * database's own words (a table name) stay in the details, for the log.
 */
function notPermitted(name: string, error: AppError): Result<never> {
  const fromDatabase = typeof error.details === 'object' && error.details !== null && (error.details as { sqlState?: unknown }).sqlState !== undefined
  const message =
    !fromDatabase && error.message.startsWith(forbiddenPrefix)
      ? error.message
      : `${forbiddenPrefix}: ${callInWords(name)}. Ask an administrator if your work needs it.`
  return { ok: false, error: { code: 'forbidden', message, details: error.details } }
}

/**
 * The single entry point for IPC, the loopback bridge and the CLI: validates the call
 * name and its input, runs the handler and turns every failure into a readable error.
 */
export async function dispatch(ctx: Context, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'not_found', message: `Unknown call "${name}"` } }
  const parsed = api[name].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    // Users read this: fields by their on-screen names, never the call or the schema's words.
    const fields = fieldProblems(parsed.error, await addedOptionLabels(ctx, parsed.error))
    return { ok: false, error: { code: 'invalid_input', message: describeFieldProblems(fields), fields } }
  }
  if (ctx.recovery && !recoveryCalls.has(name)) {
    return { ok: false, error: { code: 'recovery', message: 'The database failed its startup check. Restore a backup first (Backups).' } }
  }
  const started = performance.now()
  try {
    const handler = handlers[name] as (ctx: Context, input: unknown) => unknown
    const value = await handler(ctx, parsed.data)
    const ms = performance.now() - started
    // The UI waits on every call: name the slow ones so they can be found and fixed.
    if (ms > slowCallMs && ctx.shell !== 'cli') ctx.log.warn(`slow call ${name}`, { ms: Math.round(ms) })
    return { ok: true, value }
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return notPermitted(name, error)
    if (error instanceof AppError)
      return { ok: false, error: { code: error.code, message: error.message, details: error.details, ...(error.fields ? { fields: error.fields } : {}) } }
    if (isBusy(error)) {
      // Another writer (an import's one long transaction) holds the database; nothing was changed.
      return {
        ok: false,
        error: {
          code: 'conflict',
          message: 'The database is busy with another change (an import may be running). Nothing was saved; try again when it has finished.'
        }
      }
    }
    ctx.log.error(`${name} failed`, { error })
    return internalFailure()
  }
}
