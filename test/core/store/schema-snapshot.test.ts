import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/main/core/store/db'
import { freshTeamDatabase } from '../../helpers/postgres'
import { tempDir } from '../../helpers/tmp'

/**
 * The schema every migration adds up to, on each engine, as text kept beside this test:
 * a change to the schema, meant or not, shows in review as a diff of these files. After a
 * new migration, run this test with `-u` and commit the files with it.
 */

/** One statement as SQLite keeps it, its lines' indentation evened out (the migration's own is noise). */
const tidy = (sql: string): string =>
  sql
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n  ')

describe('the schema after every migration', () => {
  it('SQLite: sqlite_master', async () => {
    const db = await openDb(join(tempDir(), 'schema.db'))
    try {
      const objects = (await db
        .prepare(
          "SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY tbl_name, type DESC, name"
        )
        .all()) as { type: string; name: string; tableName: string; sql: string }[]
      expect(objects.length).toBeGreaterThan(30)
      const text = objects.map((o) => `-- ${o.type} ${o.name}${o.tableName === o.name ? '' : ` on ${o.tableName}`}\n${tidy(o.sql)};\n`).join('\n')
      await expect(text).toMatchFileSnapshot('schema-snapshot/sqlite.sql')
    } finally {
      await db.close()
    }
  })

  it('PostgreSQL: columns, constraints, indexes, views, triggers and functions', async () => {
    const client = new pg.Client({ connectionString: await freshTeamDatabase() })
    await client.connect()
    try {
      const rows = async (sql: string): Promise<string[]> => (await client.query<{ line: string }>(sql)).rows.map((r) => r.line)
      const columns = await rows(`
        SELECT table_name || '.' || column_name || ' ' || data_type
          || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
          || COALESCE(' DEFAULT ' || column_default, '')
          || CASE WHEN is_identity = 'YES' THEN ' GENERATED ' || identity_generation || ' AS IDENTITY' ELSE '' END AS line
        FROM information_schema.columns WHERE table_schema = 'public'
        ORDER BY table_name, ordinal_position`)
      const constraints = await rows(`
        SELECT c.conrelid::regclass::text || ' ' || c.conname || ': ' || pg_get_constraintdef(c.oid) AS line
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid <> 0
        ORDER BY c.conrelid::regclass::text, c.conname`)
      const indexes = await rows("SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname")
      const views = await rows("SELECT table_name AS line FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name")
      const triggers = await rows(`
        SELECT t.tgrelid::regclass::text || ' ' || t.tgname || ': ' || p.proname || '()' AS line
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal
        ORDER BY 1`)
      const functions = await rows(`
        SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || pg_get_function_result(p.oid) AS line
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        ORDER BY 1`)
      expect(columns.length).toBeGreaterThan(100)
      const section = (title: string, lines: string[]): string => `-- ${title} (${lines.length})\n${lines.join('\n')}\n`
      const text = [
        section('columns', columns),
        section('constraints', constraints),
        section('indexes', indexes),
        section('views', views),
        section('triggers', triggers),
        section('functions', functions)
      ].join('\n')
      await expect(text).toMatchFileSnapshot('schema-snapshot/postgres.txt')
    } finally {
      await client.end()
    }
  })
})
