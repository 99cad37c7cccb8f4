import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isFresh } from '../../scripts/freshness.mjs'
import { tempDir } from '../helpers/tmp'

const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds)

/** A source tree with one file, and where its build would go. */
function tree(): { root: string; source: string; built: string } {
  const root = tempDir()
  mkdirSync(join(root, 'src', 'core'), { recursive: true })
  const source = join(root, 'src', 'core', 'rules.ts')
  writeFileSync(source, 'export {}')
  return { root, source, built: join(root, 'cli.js') }
}

describe('which CLI runs: the build only when it is current', () => {
  it('is stale when there is no build', () => {
    const { root, built } = tree()
    expect(isFresh(built, [join(root, 'src')])).toBe(false)
  })

  it('is fresh when the build is newer than every source, stale when any source is newer', () => {
    const { root, source, built } = tree()
    writeFileSync(built, '')
    at(source, 1_000)
    at(built, 2_000)
    expect(isFresh(built, [join(root, 'src')])).toBe(true)
    at(source, 3_000)
    expect(isFresh(built, [join(root, 'src')])).toBe(false)
  })

  it('ignores source folders that do not exist', () => {
    const { root, source, built } = tree()
    writeFileSync(built, '')
    at(source, 1_000)
    at(built, 2_000)
    expect(isFresh(built, [join(root, 'src'), join(root, 'missing')])).toBe(true)
  })
})
