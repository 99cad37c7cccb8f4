import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'

// A dedicated profile that makes LibreOffice recalculate every formula when it loads an
// .xlsx; with the default profile it keeps the cached results and a stale one passes unnoticed.
const recalcAlways = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

/** Opens `file` in headless LibreOffice, recalculates it and saves it as .xlsx in `outDir`; returns the new path. */
export function recalculateWithLibreOffice(file: string, workDir: string): string {
  const profile = join(workDir, 'lo-profile')
  mkdirSync(join(profile, 'user'), { recursive: true })
  writeFileSync(join(profile, 'user', 'registrymodifications.xcu'), recalcAlways)
  const outDir = join(workDir, 'recalculated')
  mkdirSync(outDir, { recursive: true })
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file],
    {
      encoding: 'utf8',
      timeout: 120_000
    }
  )
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`)
  return join(outDir, basename(file))
}
