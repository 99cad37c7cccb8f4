import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeBufferAtomically, writeFilesAtomically } from '../../../src/main/core/io/atomic-write'
import { tempDir } from '../../helpers/tmp'

describe('atomic file writes', () => {
  it('renames complete files into place and leaves no temporary file', async () => {
    const dir = tempDir()
    await writeBufferAtomically(join(dir, 'a.xlsx'), 'complete')
    expect(readFileSync(join(dir, 'a.xlsx'), 'utf8')).toBe('complete')
    expect(readdirSync(dir)).toEqual(['a.xlsx'])
  })

  it('leaves neither file of a pair, nor an earlier version changed, when writing fails part way', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'Header.csv'), 'previous export')
    await expect(
      writeFilesAtomically([join(dir, 'Header.csv'), join(dir, 'Episodes.csv')], ([header, episodes]) => {
        writeFileSync(header, 'new header')
        writeFileSync(episodes, 'half of the epis')
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
    expect(readFileSync(join(dir, 'Header.csv'), 'utf8')).toBe('previous export')
    expect(existsSync(join(dir, 'Episodes.csv'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['Header.csv'])
  })
})
