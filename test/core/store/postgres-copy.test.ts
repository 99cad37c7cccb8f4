import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres, type PostgresStore } from '../../../src/main/core/store/engine/postgres'
import { testPostgres } from '../../helpers/postgres'

let db: PostgresStore

beforeAll(async () => {
  db = await openPostgres(await testPostgres().createDatabase('copy'))
  await db.exec('CREATE TABLE copied (n integer, label text, note text)')
})

afterAll(async () => {
  await db?.close()
})

describe('PostgresStore.copyFrom', () => {
  it('loads every value exactly, whatever characters it holds, and NULL as NULL', async () => {
    const awkward = ['tab\there', 'line\nbreak', 'return\rfeed', 'back\\slash', '\\N', '', 'quote \' and " both', 'é £ 😀', '=SUM(1)']
    const rows = awkward.map((label, i) => [i, label, i % 2 ? null : `note ${i}`])
    expect(await db.copyFrom('copied', ['n', 'label', 'note'], rows)).toBe(rows.length)
    expect(await db.prepare('SELECT n, label, note FROM copied ORDER BY n').raw().all()).toEqual(rows)
  })

  it("loads thousands of rows in chunks, and a table only the transaction's connection sees", async () => {
    const count = await db.transaction(async () => {
      await db.exec('CREATE TEMP TABLE staged (n integer, label text) ON COMMIT DROP')
      await db.copyFrom(
        'staged',
        ['n', 'label'],
        Array.from({ length: 2500 }, (_, i) => [i, `row ${i}`])
      )
      return await db.prepare('SELECT COUNT(DISTINCT n) FROM staged').pluck().get()
    })()
    expect(count).toBe(2500)
  })

  it('fails as a statement does, and inside a transaction rolls it all back', async () => {
    await db.exec('DELETE FROM copied')
    const load = db.transaction(async () => {
      await db.prepare("INSERT INTO copied (n, label) VALUES (1, 'kept?')").run()
      await db.copyFrom(
        'copied',
        ['n', 'label'],
        [
          [2, 'fine'],
          ['not a number', 'bad']
        ]
      )
    })
    await expect(load()).rejects.toThrow(/invalid input syntax for type integer/)
    expect(await db.prepare('SELECT COUNT(*) FROM copied').pluck().get()).toBe(0)
  })
})
