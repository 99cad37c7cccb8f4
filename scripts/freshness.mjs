// Is a build output at least as new as every file it is built from? Used by `npm start`
// (rebuild the app when the sources changed) and `bin/permanence.mjs` (run the built CLI
// only when it is current, so nobody runs stale code).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Newest modification time of any file under `dir` (0 for an empty folder). */
export const newestMtime = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }, 0)

export const isFresh = (output, sourceDirs) =>
  existsSync(output) && statSync(output).mtimeMs >= Math.max(0, ...sourceDirs.filter((d) => existsSync(d)).map(newestMtime))
