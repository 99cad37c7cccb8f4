import { sqliteConnection } from '../../src/main/core/store/engine/sqlite'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { api, callNames } from '../../src/shared/api'
import { callInWords, dispatch } from '../../src/main/core/dispatch'
import { AppError } from '../../src/main/core/errors'
import { saveOption } from '../../src/main/core/costs/catalogue'
import { handlers } from '../../src/main/core/handlers'
import { testEngine } from '../helpers/postgres'
import { demoContext, tempContext } from '../helpers/tmp'

describe('dispatch', () => {
  it('has a handler for every call in the contract and no others', () => {
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort())
    expect(Object.keys(api).length).toBeGreaterThan(0)
  })

  it('validates input and names the failing field', async () => {
    const ctx = await tempContext()
    const result = await dispatch(ctx, 'listChildren', { search: 42 })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    if (!result.ok) expect(result.error.message).toBe('Search must be text.')
  })

  it("words invalid input for a user, by the fields' on-screen names, with a list of the fields", async () => {
    const ctx = await tempContext()
    const definition = { name: 'Step down', years: 5, demandGrowth: 2, inflation: 0.03, baseline: {}, proposed: { IFA: -1 } }
    const result = await dispatch(ctx, 'runScenario', { definition })
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.fields).toEqual([
      { path: 'definition.demandGrowth', label: 'Demand growth', message: 'Demand growth must be at most 100%.' },
      { path: 'definition.proposed.IFA', label: 'Proposed children (IFA)', message: 'Proposed children (IFA) must be at least 0.' }
    ])
    expect(result.error.message).toBe('Please check 2 fields: Demand growth must be at most 100%. Proposed children (IFA) must be at least 0.')
    // The developer's words never reach the message.
    expect(result.error.message).not.toMatch(/runScenario|definition\.|Too big|expected number/)
  })

  it('names an option a commissioner added by its catalogue label in a refused field, as the screen does', async () => {
    const ctx = await tempContext()
    const firstCost = { weekly: 6200, effectiveFrom: '2019-04-01', source: 'Commissioner estimate', isAssumption: false }
    await saveOption(ctx.db, 'tester', { code: 'SOLO_HOME', label: "Solo children's home", kind: 'placement', retiredFrom: null, firstCost })
    const definition = { name: 'Solo', years: 5, baseline: { SOLO_HOME: -1 }, proposed: {}, services: { other: { SOLO_HOME: { places: -2 } } } }
    const result = await dispatch(ctx, 'runScenario', { definition })
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.fields?.[0]).toEqual({
      path: 'definition.baseline.SOLO_HOME',
      label: "Baseline children (Solo children's home)",
      message: "Baseline children (Solo children's home) must be at least 0."
    })
    expect(result.error.message).not.toContain('SOLO_HOME')
    // A code the catalogue does not hold stays as it was typed.
    const unknown = await dispatch(ctx, 'runScenario', { definition: { ...definition, services: {}, baseline: { NOT_ADDED: -1 } } })
    if (unknown.ok) throw new Error('expected a refusal')
    expect(unknown.error.message).toBe('Baseline children (NOT_ADDED) must be at least 0.')
  })

  it('names a placement option in a refused count as the screen does, not by its code', async () => {
    const ctx = await tempContext()
    const definition = { name: 'Step down', years: 5, baseline: {}, proposed: { RESIDENTIAL_EXTERNAL: 200_000 } }
    const result = await dispatch(ctx, 'runScenario', { definition })
    if (result.ok) throw new Error('expected a refusal')
    expect(result.error.fields).toEqual([
      {
        path: 'definition.proposed.RESIDENTIAL_EXTERNAL',
        label: 'Proposed children (Residential external)',
        message: 'Proposed children (Residential external) must be at most 100,000.'
      }
    ])
  })

  it('says a missing or blank field is required, and a bad date is not a date', async () => {
    const ctx = await tempContext()
    const missing = await dispatch(ctx, 'addOversightEntry', { childId: 'C1', entryDate: '31/03/2020' })
    if (missing.ok) throw new Error('expected a refusal')
    expect(missing.error.fields?.map((f) => f.message)).toEqual(['Date of the entry must be a date.', 'Manager is required.'])
    const blank = await dispatch(ctx, 'addOversightEntry', { childId: 'C1', entryDate: '2020-02-30', manager: '  ' })
    if (blank.ok) throw new Error('expected a refusal')
    expect(blank.error.fields?.map((f) => f.message)).toEqual(['Date of the entry is not a real calendar date.', 'Manager is required.'])
  })

  it('refuses unknown calls, including inherited property names', async () => {
    const ctx = await tempContext()
    expect(await dispatch(ctx, 'toString', {})).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await dispatch(ctx, 'dropDatabase', {})).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('returns readable not-found errors and real data', async () => {
    const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 30 })
    expect(await dispatch(ctx, 'getChild', { childId: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No child with ID NOPE' } })
    const list = await dispatch(ctx, 'listChildren', { lookedAfterOnly: true })
    expect(list.ok && (list.value as unknown[]).length).toBe(30)
    const child = await dispatch(ctx, 'getChild', { childId: 'DEMO000001' })
    expect(child.ok && (child.value as { episodeHistory: unknown[] }).episodeHistory.length).toBeGreaterThan(0)
  })

  // SQLite only: "busy" is a second process holding the database file's write lock. On
  // PostgreSQL writers lock rows, not the database, so this insert simply proceeds.
  it.skipIf(testEngine() === 'postgres')('answers a clear "busy" error, changing nothing, while another connection is writing', async () => {
    const ctx = await demoContext({ asOf: '2020-03-31', lookedAfter: 5 })
    const other = new Database(ctx.dbPath)
    other.exec('BEGIN IMMEDIATE')
    sqliteConnection(ctx.db, 'test').pragma('busy_timeout = 0')
    const before = await ctx.db.prepare('SELECT COUNT(*) FROM oversight_entry').pluck().get()
    const result = await dispatch(ctx, 'addOversightEntry', { childId: 'DEMO000001', entryDate: '2020-03-31', manager: 'A Manager', note: 'x' })
    other.exec('ROLLBACK')
    other.close()
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/busy/) } })
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM oversight_entry').pluck().get()).toBe(before)
  })

  it("says a refusal for the person's role as such, naming what was asked, with the database's words kept for the log", async () => {
    const ctx = await tempContext()
    // What the PostgreSQL engine throws for permission denied (42501), from the first statement the call runs.
    const denied = new AppError('forbidden', 'Not permitted for your role: permission denied for table panel_meeting.', {
      sqlState: '42501',
      table: 'panel_meeting'
    })
    const refusing = new Proxy(ctx.db, {
      get: (db, key) =>
        key === 'prepare' || key === 'transaction'
          ? () => {
              throw denied
            }
          : Reflect.get(db, key)
    })
    const result = await dispatch({ ...ctx, db: refusing }, 'createMeeting', { date: '2020-04-15', chair: 'A Chair', online: false })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Not permitted for your role: create meeting. Ask an administrator if your work needs it.',
        details: { sqlState: '42501', table: 'panel_meeting' }
      }
    })
    expect(callInWords('signOffMeeting')).toBe('sign off meeting')
    expect(callInWords('import903Commit')).toBe('import903 commit')
  })
})
