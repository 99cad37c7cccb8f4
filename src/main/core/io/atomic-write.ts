import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * A temporary name in the target's own folder (so the rename cannot cross file systems),
 * hidden and marked `.partial` so nobody mistakes it for the finished file.
 */
const partialPath = (target: string): string => join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`)

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Makes the renames themselves durable; Windows cannot open a folder, and NTFS journals the rename anyway. */
function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(folder, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Flushes every temporary file to disk, then renames each to its target. */
function commit(files: readonly { partial: string; target: string }[], targets: readonly string[]): void {
  for (const { partial } of files) fsyncFile(partial)
  for (const { partial, target } of files) renameSync(partial, target)
  new Set(targets.map((t) => dirname(t))).forEach(fsyncFolder)
}

/**
 * Writes several files that belong together (the 903 export's Header and Episodes):
 * `write` fills a temporary file beside each target; only when every one is complete and
 * on disk are they renamed to their final names. A failure or a kill part way leaves no
 * file under a final name (and removes the temporary ones when it can).
 */
export async function writeFilesAtomically<T, const Targets extends readonly string[]>(
  targets: Targets,
  write: (partials: { -readonly [K in keyof Targets]: string }) => Promise<T> | T
): Promise<T> {
  const files = targets.map((target) => ({ target, partial: partialPath(target) }))
  try {
    // One temporary name per target, in order: the tuple's length is the targets'.
    const result = await write(files.map((f) => f.partial) as { -readonly [K in keyof Targets]: string })
    commit(files, targets)
    return result
  } finally {
    for (const { partial } of files) rmSync(partial, { force: true })
  }
}

/** One file, written through a temporary name and renamed when complete. */
export const writeFileAtomically = <T>(target: string, write: (partial: string) => Promise<T> | T): Promise<T> =>
  writeFilesAtomically([target], ([partial]) => write(partial))

/** A buffer in memory, written the same way. */
export const writeBufferAtomically = (target: string, data: Buffer | string): Promise<void> =>
  writeFileAtomically(target, (partial) => writeFileSync(partial, data, { flag: 'wx' }))

/** The same for synchronous callers (a panel paper stored inside a handler, a backup before migrating). */
export function writeFileAtomicallySync<T>(target: string, write: (partial: string) => T): T {
  const partial = partialPath(target)
  try {
    const result = write(partial)
    commit([{ partial, target }], [target])
    return result
  } finally {
    rmSync(partial, { force: true })
  }
}

export const writeBufferAtomicallySync = (target: string, data: Buffer | string): void =>
  writeFileAtomicallySync(target, (partial) => writeFileSync(partial, data, { flag: 'wx' }))
