import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/core/errors'
import { openPostgres, postgresConfig, PostgresStore } from '../../../src/main/core/store/engine/postgres'
import { openStore } from '../../../src/main/core/store/open'
import { asSuperuser, postgresBinaries, testPostgres } from '../../helpers/postgres'
import { tempDir } from '../../helpers/tmp'
import { firstOf, itemAt } from '../../helpers/defined'

const server = testPostgres()
let url: string
let db: PostgresStore
/** A second, independent store: what another user of the database sees. */
let other: PostgresStore

beforeAll(async () => {
  url = await server.createDatabase('engine')
  db = await openPostgres(url)
  other = await openPostgres(url)
  await db.exec(`
    CREATE TABLE item (id integer PRIMARY KEY, label text NOT NULL);
    CREATE TABLE big (n integer PRIMARY KEY, label text NOT NULL);
    INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, 10000) g;
  `)
})

afterAll(async () => {
  await db?.close()
  await other?.close()
})

/** A promise and the function that settles it, to make two async flows take turns. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void
  const promise = new Promise<void>((resolve) => (fire = resolve))
  return { promise, fire }
}

const labels = async (store: PostgresStore): Promise<string[]> => store.prepare('SELECT label FROM item ORDER BY id').pluck<string>().all()

async function clearItems(): Promise<void> {
  await db.exec('DELETE FROM item')
}

describe('parameters', () => {
  it('binds positional, named, cast and mixed parameters, leaving ? and :x in strings alone', async () => {
    const row = await db
      .prepare<Record<string, unknown>>(`SELECT ?::int + 1 AS a, :name::text AS b, '? :x @y' AS c, @n::int * 2 AS d, "label" AS "e?" FROM big WHERE n = ?`)
      .get(41, { name: 'Ann', n: 5 }, 7)
    expect(row).toEqual({ a: 42, b: 'Ann', c: '? :x @y', d: 10, 'e?': 'row 7' })
  })

  it('binds an array as positional values and a named value used twice', async () => {
    expect(await db.prepare('SELECT count(*) FROM big WHERE n IN (?, ?, ?)').pluck().get([1, 2, 20000])).toBe(2)
    expect(await db.prepare('SELECT count(*) FROM big WHERE n >= :lo AND n < :lo + 10').pluck().get({ lo: 100 })).toBe(10)
  })

  it('refuses a missing named value instead of sending NULL', async () => {
    await expect(db.prepare('SELECT :a::int, :b::int').get({ a: 1 })).rejects.toThrow('Missing named parameter "b"')
  })
})

describe('values look as they do on SQLite', () => {
  it('gives counts, sums and numerics as numbers, booleans as 1/0, JSON and dates as text', async () => {
    const row = await db
      .prepare<Record<string, unknown>>(
        `SELECT count(*) AS count, sum(n) AS total, sum(n::bigint) AS big_total, 12.50::numeric AS amount,
                true AS yes, false AS no, NULL::boolean AS unknown,
                json_build_object('a', 1) AS j, '{"b": [1, 2]}'::jsonb AS jb,
                '2026-01-31'::date AS d, '2026-01-31 13:45:00'::timestamp AS ts
         FROM big`
      )
      .get()
    expect(row).toEqual({
      count: 10000,
      total: 50005000,
      big_total: 50005000,
      amount: 12.5,
      yes: 1,
      no: 0,
      unknown: null,
      j: '{"a" : 1}',
      jb: '{"b": [1, 2]}',
      d: '2026-01-31',
      ts: '2026-01-31 13:45:00'
    })
  })

  it('does not change how other pg users in the process parse values', async () => {
    await asSuperuser(server.url(), async (client) => {
      const { rows } = await client.query('SELECT 1::bigint AS n, true AS b')
      expect(rows[0]).toEqual({ n: '1', b: true })
    })
  })
})

describe('statements', () => {
  it('runs several statements in exec and reports changes from run', async () => {
    await clearItems()
    await db.exec("INSERT INTO item VALUES (1, 'a'); INSERT INTO item VALUES (2, 'b'), (3, 'c')")
    expect(await db.prepare('UPDATE item SET label = upper(label) WHERE id >= ?').run(2)).toEqual({ changes: 2 })
    expect(await db.prepare('SELECT id, label FROM item ORDER BY id').raw().all()).toEqual([
      [1, 'a'],
      [2, 'B'],
      [3, 'C']
    ])
    expect(await db.prepare('SELECT label FROM item WHERE id = 99').get()).toBeUndefined()
  })

  it('plucks the first column and gives raw rows as arrays', async () => {
    const plucked = await db.prepare<number>('SELECT n, label FROM big ORDER BY n').pluck().all()
    expect(plucked).toHaveLength(10000)
    expect(plucked.slice(0, 3)).toEqual([1, 2, 3])
    expect(await db.prepare('SELECT n, label FROM big WHERE n = ?').raw().get(9999)).toEqual([9999, 'row 9999'])
  })

  it('iterates 10 000 rows from a server-side cursor, in every shape', async () => {
    let count = 0
    let sum = 0
    for await (const row of db.prepare<{ n: number; label: string }>('SELECT n, label FROM big WHERE n > :from ORDER BY n').iterate({ from: 0 })) {
      count++
      sum += row.n
      if (row.label !== `row ${row.n}`) throw new Error(`bad row ${JSON.stringify(row)}`)
    }
    expect([count, sum]).toEqual([10000, 50005000])
    const plucked: unknown[] = []
    for await (const n of db.prepare('SELECT n FROM big WHERE n <= 3 ORDER BY n').pluck().iterate()) plucked.push(n)
    expect(plucked).toEqual([1, 2, 3])
    const raw: unknown[] = []
    for await (const r of db.prepare('SELECT n, label FROM big WHERE n = 1').raw().iterate()) raw.push(r)
    expect(raw).toEqual([[1, 'row 1']])
  })

  it('fetches lazily and lets the loop use the same transaction', async () => {
    await clearItems()
    await db.transaction(async () => {
      let seen = 0
      for await (const row of db.prepare<{ n: number }>('SELECT n FROM big ORDER BY n').iterate()) {
        if (seen === 0) {
          // The cursor is open on the server while the first rows are read.
          expect(await db.prepare("SELECT count(*) FROM pg_cursors WHERE name LIKE 'permanence_cursor_%'").pluck().get()).toBe(1)
        }
        if (row.n % 1000 === 0) await db.prepare('INSERT INTO item VALUES (?, ?)').run(row.n, `at ${row.n}`)
        if (++seen === 5000) break
      }
      // Stopping early closes the cursor and leaves the transaction usable.
      expect(await db.prepare("SELECT count(*) FROM pg_cursors WHERE name LIKE 'permanence_cursor_%'").pluck().get()).toBe(0)
    })()
    expect(await labels(other)).toEqual(['at 1000', 'at 2000', 'at 3000', 'at 4000', 'at 5000'])
  })
})

describe('transactions', () => {
  it('commits when fn resolves, passing arguments and the result through', async () => {
    await clearItems()
    const add = db.transaction(async (id: number, label: string) => {
      await db.prepare('INSERT INTO item VALUES (?, ?)').run(id, label)
      return id * 10
    })
    expect(await add(1, 'one')).toBe(10)
    expect(await labels(other)).toEqual(['one'])
  })

  it('rolls back everything when fn throws', async () => {
    await clearItems()
    const failing = db.transaction(async () => {
      await db.prepare('INSERT INTO item VALUES (?, ?)').run(1, 'one')
      await db.prepare('INSERT INTO item VALUES (?, ?)').run(2, 'two')
      throw new Error('stop')
    })
    await expect(failing()).rejects.toThrow('stop')
    expect(await labels(db)).toEqual([])
  })

  it('makes a nested transaction a savepoint: its failure undoes only its own work', async () => {
    await clearItems()
    await db.transaction(async () => {
      await db.prepare('INSERT INTO item VALUES (1, ?)').run('outer')
      await expect(
        db.transaction(async () => {
          await db.prepare('INSERT INTO item VALUES (2, ?)').run('inner')
          expect(await labels(db)).toEqual(['outer', 'inner'])
          throw new Error('inner fails')
        })()
      ).rejects.toThrow('inner fails')
      await db.transaction(async () => {
        await db.prepare('INSERT INTO item VALUES (3, ?)').run('second inner')
        await db.transaction(async () => db.prepare('INSERT INTO item VALUES (4, ?)').run('deepest'))()
      })()
      expect(db.inTransaction).toBe(true)
    })()
    expect(db.inTransaction).toBe(false)
    expect(await labels(other)).toEqual(['outer', 'second inner', 'deepest'])
  })

  it('runs concurrent nested transactions one after another, so one failing undoes only its own work', async () => {
    await clearItems()
    await db.transaction(async () => {
      const nested = (id: number, fail: boolean) =>
        db.transaction(async () => {
          await db.prepare('INSERT INTO item VALUES (?, ?)').run(id, `nested ${id}`)
          await new Promise((resolve) => setTimeout(resolve, 5))
          if (fail) throw new Error(`nested ${id} fails`)
        })()
      const results = await Promise.allSettled([nested(1, true), nested(2, false), nested(3, true)])
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected'])
    })()
    expect(await labels(other)).toEqual(['nested 2'])
  })

  it('refuses to report as saved a transaction whose failed statement was caught, and keeps work after a failed nested one', async () => {
    await clearItems()
    const swallowed = db.transaction(async () => {
      await db.prepare('INSERT INTO item VALUES (1, ?)').run('kept?')
      await db
        .prepare('INSERT INTO item VALUES (1, ?)')
        .run('duplicate')
        .catch(() => undefined)
    })
    await expect(swallowed()).rejects.toThrow(/rolled the whole transaction back/)
    expect(await labels(other)).toEqual([])
    await db.transaction(async () => {
      await db.prepare('INSERT INTO item VALUES (1, ?)').run('kept')
      await db
        .transaction(() => db.prepare('INSERT INTO item VALUES (1, ?)').run('duplicate'))()
        .catch(() => undefined)
    })()
    expect(await labels(other)).toEqual(['kept'])
  })

  it('sends statements run through the same store by helpers to the transaction, unseen by others until commit', async () => {
    await clearItems()
    // A helper that knows nothing of the transaction, only the store.
    const record = async (store: PostgresStore, id: number): Promise<void> => void (await store.prepare('INSERT INTO item VALUES (?, ?)').run(id, `item ${id}`))
    const inserted = signal()
    const checked = signal()
    const work = db.transaction(async () => {
      await record(db, 1)
      await Promise.all([record(db, 2), record(db, 3)])
      expect(await labels(db)).toEqual(['item 1', 'item 2', 'item 3'])
      inserted.fire()
      await checked.promise
    })()
    await inserted.promise
    expect(db.inTransaction).toBe(false)
    expect(await labels(other)).toEqual([])
    // Outside the transaction, the same store reads through the pool: nothing yet.
    expect(await labels(db)).toEqual([])
    checked.fire()
    await work
    expect(await labels(other)).toEqual(['item 1', 'item 2', 'item 3'])
  })

  it('keeps two concurrent transactions on their own connections', async () => {
    await clearItems()
    const pid = (): Promise<unknown> => db.prepare('SELECT pg_backend_pid()').pluck().get()
    const aWrote = signal()
    const bWrote = signal()
    const flow = (id: number, wrote: ReturnType<typeof signal>, wait: Promise<void>, fail: boolean) =>
      db.transaction(async () => {
        const pids = [await pid()]
        await db.prepare('INSERT INTO item VALUES (?, ?)').run(id, `flow ${id}`)
        wrote.fire()
        await wait
        pids.push(await pid())
        const seen = await labels(db)
        pids.push(await pid())
        if (fail) throw new Error(`flow ${id} fails`)
        return { pids, seen }
      })()
    const [a, b] = await Promise.allSettled([flow(1, aWrote, bWrote.promise, false), flow(2, bWrote, aWrote.promise, true)])
    if (a.status !== 'fulfilled') throw a.reason
    expect(new Set(a.value.pids).size).toBe(1)
    expect(a.value.seen).toEqual(['flow 1'])
    expect(b.status === 'rejected' && (b.reason as Error).message).toBe('flow 2 fails')
    expect(await labels(other)).toEqual(['flow 1'])
  })

  it('refuses a statement left running after its transaction ended', async () => {
    let late: Promise<unknown> | undefined
    const ended = signal()
    await db.transaction(async () => {
      late = ended.promise.then(() => db.prepare('SELECT 1').get())
    })()
    ended.fire()
    await expect(late).rejects.toThrow(/after its transaction had ended/)
  })
})

describe('errors a user can act on', () => {
  it('turns a refusal for the role into a forbidden AppError', async () => {
    const role = `reader_${Date.now()}`
    await db.exec(`CREATE ROLE ${role} LOGIN PASSWORD 'reader pw'; CREATE TABLE secret (x int); GRANT SELECT ON item TO ${role}`)
    const reader = await openPostgres(server.url(new URL(url).pathname.slice(1), role, 'reader pw'))
    try {
      expect(await reader.prepare('SELECT count(*) FROM item').pluck().get()).toBeTypeOf('number')
      const refused = await reader
        .prepare('SELECT * FROM secret')
        .all()
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(AppError)
      expect(refused).toMatchObject({ code: 'forbidden', details: { sqlState: '42501' } })
      expect((refused as AppError).message).toMatch(/^Not permitted for your role: permission denied for table secret/)
      await expect(reader.prepare('INSERT INTO item VALUES (1, ?)').run('x')).rejects.toMatchObject({ code: 'forbidden' })
    } finally {
      await reader.close()
    }
  })

  it('turns a duplicate key into a conflict and leaves the transaction undone', async () => {
    await clearItems()
    const twice = db.transaction(async () => {
      await db.prepare('INSERT INTO item VALUES (1, ?)').run('first')
      await db.prepare('INSERT INTO item VALUES (1, ?)').run('again')
    })
    await expect(twice()).rejects.toMatchObject({
      code: 'conflict',
      message: 'That would duplicate a record that already exists (the same id: 1), so it was not saved.'
    })
    expect(await labels(db)).toEqual([])
  })

  it('turns a serialization failure into a conflict that asks to try again', async () => {
    await clearItems()
    const bothRead = [signal(), signal()]
    const aCommitted = signal()
    // Write skew: each reads the count, then inserts; SERIALIZABLE refuses the second commit.
    const flow = (id: number, mine: ReturnType<typeof signal>, theirs: ReturnType<typeof signal>, before: Promise<void>) =>
      db.transaction(async () => {
        await db.exec('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE')
        const count = await db.prepare<number>('SELECT count(*) FROM item').pluck().get()
        mine.fire()
        await theirs.promise
        await db.prepare('INSERT INTO item VALUES (?, ?)').run(id, `saw ${count}`)
        await before
      })()
    const a = flow(1, firstOf(bothRead), itemAt(bothRead, 1), Promise.resolve()).finally(aCommitted.fire)
    const b = flow(2, itemAt(bothRead, 1), firstOf(bothRead), aCommitted.promise)
    await a
    const error = await b.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'conflict', details: { sqlState: '40001' } })
    expect((error as AppError).message).toMatch(/try again/)
    expect(await labels(db)).toEqual(['saw 0'])
  })

  it('passes other database errors through unchanged', async () => {
    await expect(db.prepare('SELECT * FROM no_such_table').all()).rejects.toMatchObject({ code: '42P01' })
  })
})

describe('opening and closing', () => {
  it('names the app on the server, hides the password in location and calls the migrate hook first', async () => {
    const seen: string[] = []
    const store = await openPostgres(url, {
      migrate: async (s) => void seen.push(String(await s.prepare("SELECT current_setting('application_name')").pluck().get()))
    })
    try {
      expect(seen).toEqual(['Permanence Desk'])
      expect(store.engine).toBe('postgres')
      expect(store.location).toBe(url.replace(`:${server.info.password}@`, '@'))
      expect(store.location).not.toContain(server.info.password)
    } finally {
      await store.close()
    }
  })

  it('refuses a wrong password with a message that does not repeat it', async () => {
    const wrong = server.url('postgres', server.info.user, 'wrong-password-123')
    const error = await openPostgres(wrong).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad_database' })
    expect((error as AppError).message).toMatch(/^Could not connect to the PostgreSQL database at postgresql:\/\/postgres@127\.0\.0\.1/)
    expect((error as AppError).message).not.toContain('wrong-password-123')
  })

  it('takes the password from the options when the URL has none', async () => {
    const { host, port, user, password } = server.info
    const bare = `postgresql://${user}@${host}:${port}/postgres`
    await expect(openPostgres(bare)).rejects.toMatchObject({ code: 'bad_database' })
    const store = await openPostgres(bare, { password })
    expect(await store.prepare('SELECT current_user').pluck().get()).toBe(user)
    await store.close()
  })

  it('refuses an address that is not a URL without repeating it', async () => {
    const error = await openPostgres('postgresql://desk:s3cret@[bad/permanence').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_input' })
    expect((error as AppError).message).not.toContain('s3cret')
  })

  it('reads sslmode=verify-full from the URL into verified TLS settings', () => {
    const ca = join(tempDir(), 'root.crt')
    writeFileSync(ca, 'CERTIFICATE TEXT')
    const config = postgresConfig(`postgresql://desk@db.council.example:5433/permanence?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca)}`)
    expect(config).toMatchObject({ host: 'db.council.example', port: 5433, database: 'permanence', user: 'desk', application_name: 'Permanence Desk' })
    expect(config.ssl).toMatchObject({ ca: 'CERTIFICATE TEXT' })
    expect((config.ssl as { rejectUnauthorized?: boolean }).rejectUnauthorized).not.toBe(false)
    expect(postgresConfig('postgresql://desk@localhost/permanence?sslmode=disable').ssl).toBe(false)
  })

  it('closes: the pool ends and further statements are refused', async () => {
    const store = await openPostgres(url)
    expect(store.open).toBe(true)
    await store.close()
    expect(store.open).toBe(false)
    await expect(store.prepare('SELECT 1').get()).rejects.toThrow()
    await store.close()
  })

  it('openStore chooses the engine by the location', async () => {
    const pgStore = await openStore(url)
    const sqliteStore = await openStore(join(tempDir(), 'permanence.db'), { migrations: [] })
    try {
      expect(pgStore).toBeInstanceOf(PostgresStore)
      expect([pgStore.engine, sqliteStore.engine]).toEqual(['postgres', 'sqlite'])
      expect(await pgStore.prepare('SELECT version()').pluck().get()).toMatch(/^PostgreSQL/)
    } finally {
      await pgStore.close()
      await sqliteStore.close()
    }
    const viaScheme = await openStore(url.replace(/^postgresql:/, 'postgres:'))
    expect(viaScheme.engine).toBe('postgres')
    await viaScheme.close()
  })
})

describe('the test server helper', () => {
  it('says how to install PostgreSQL when its binaries are missing', () => {
    expect(() => postgresBinaries(tempDir())).toThrow(/no PostgreSQL binaries were found in .*\/\*\/bin\. Install them with `apt-get install postgresql`/)
    expect(postgresBinaries()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/)
  })
})
