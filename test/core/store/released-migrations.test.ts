import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Released migrations are immutable: a database in the field has already run them, so
 * changing one would leave those databases different from new ones. Each released file's
 * content is pinned here (both engines' parts). A new migration is added to the list in
 * the same commit that lands it; a fix to a released one is a new migration instead.
 */
const released: Record<string, string> = JSON.parse(readFileSync(join(import.meta.dirname, 'released-migrations.json'), 'utf8'))

const folders = ['src/main/core/store/migrations', 'src/main/core/store/postgres-schema']
const root = join(import.meta.dirname, '..', '..', '..')
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

const migrationFiles = (): string[] =>
  folders.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((f) => /^\d{3}_.*\.ts$/.test(f) || f === 'baseline.ts')
      .map((f) => `${folder}/${f}`)
  )

describe('released migrations', () => {
  it('are unchanged since they were released', () => {
    const changed = Object.entries(released)
      .filter(([file, hash]) => sha(join(root, file)) !== hash)
      .map(([file]) => file)
    expect(changed, 'Released migrations changed: write a new numbered migration instead of editing these').toEqual([])
  })

  it('lists every migration file, so a new one is pinned when it lands', () => {
    const unlisted = migrationFiles().filter((f) => !(f in released))
    expect(unlisted, 'New migration files: add them to test/core/store/released-migrations.json (path → sha256)').toEqual([])
  })

  it('are kept out of the formatter, which would change their content', () => {
    const ignored = new Set(
      readFileSync(join(root, '.prettierignore'), 'utf8')
        .split('\n')
        .map((line) => line.trim())
    )
    const formatted = Object.keys(released).filter((file) => !ignored.has(file))
    expect(formatted, 'Add released migrations to .prettierignore (one path per line)').toEqual([])
  })
})
