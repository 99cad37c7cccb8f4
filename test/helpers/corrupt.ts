import { closeSync, openSync, writeSync } from 'node:fs'

/** Overwrites pages of a closed SQLite file with junk, as a failing disk or a bad copy would. */
export function corruptPages(path: string, fromPage = 2, pages = 4, pageSize = 4096): void {
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(pageSize * pages, 0xa5), 0, pageSize * pages, pageSize * fromPage)
  } finally {
    closeSync(fd)
  }
}
