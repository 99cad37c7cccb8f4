import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import type { DataImportSummary } from '../../../src/shared/api'
import { cohort903, csvText, episodesTable, headerTable, write903 } from '../../helpers/fixtures903'
import { tempContext, tempDir } from '../../helpers/tmp'
import { firstOf } from '../../helpers/defined'

const b64 = (text: string): string => Buffer.from(text).toString('base64')

describe('import API', () => {
  const cohort = cohort903({ lookedAfter: 15 })
  const files = [
    { fileName: 'Header.csv', contentBase64: b64(csvText(headerTable(cohort))) },
    { fileName: 'Episodes.csv', contentBase64: b64(csvText(episodesTable(cohort).map((r, i) => (i === 1 ? r.map((v, j) => (j === 3 ? 'ZZ' : v)) : r)))) }
  ]

  it('previews, commits with progress, lists the history and serves the rejected-row report', async () => {
    const ctx = await tempContext()
    const preview = await dispatch(ctx, 'previewImport', { kind: '903', files })
    expect(preview).toMatchObject({ ok: true, value: { dryRun: true, inserted: cohort.children.length, batchId: null } })
    expect(await ctx.db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(0)
    const commit = await dispatch(ctx, 'commitImport', { kind: '903', files, jobId: 'job-1' })
    const committed = (commit.ok ? commit.value : null) as DataImportSummary
    expect(committed.inserted).toBe(cohort.children.length)
    const progress = await dispatch(ctx, 'importProgress', { jobId: 'job-1' })
    expect(progress).toMatchObject({ ok: true, value: { phase: 'done', written: cohort.children.length, of: cohort.children.length } })
    const history = await dispatch(ctx, 'importHistory', {})
    // The bad row's child keeps none of its episode rows: all of them count as rejected.
    const firstChildRows = cohort.episodes.filter((e) => e.child_id === firstOf(cohort.episodes).child_id).length
    expect(history).toMatchObject({
      ok: true,
      value: [{ kind: '903', fileName: 'Header.csv, Episodes.csv', importedBy: 'tester', inserted: cohort.children.length, rejected: firstChildRows }]
    })
    const batchId = committed.batchId
    const report = await dispatch(ctx, 'rejectedReport', { batchId, format: 'csv' })
    expect(report.ok && Buffer.from((report.value as { contentBase64: string }).contentBase64, 'base64').toString()).toContain('rejected,Episodes.csv,2,LS,ZZ,')
    // The report holds the file's own values, so who took it is in the audit log.
    expect(await ctx.db.prepare("SELECT who, entity_id AS id, after FROM audit_log WHERE action = 'import.report.export'").all()).toEqual([
      { who: 'tester', id: String(batchId), after: JSON.stringify({ what: `import-${batchId}-rejected-rows.csv`, where: 'download' }) }
    ])
  })

  it('accepts file paths from the desktop app but not from the browser', async () => {
    const ctx = await tempContext()
    const paths = write903(tempDir(), cohort)
    expect((await dispatch(ctx, 'previewImport', { kind: '903', files: [{ path: paths.header }, { path: paths.episodes }] })).ok).toBe(true)
    ctx.shell = 'browser'
    expect(await dispatch(ctx, 'previewImport', { kind: '903', files: [{ path: paths.header }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/file paths are only accepted by the desktop app/) }
    })
  })

  it('shows the first rows of a file for the mapping screen, and needs a mapping for a tracker', async () => {
    const ctx = await tempContext()
    const preview = await dispatch(ctx, 'previewFile', { file: files[0], rows: 2 })
    expect(preview).toMatchObject({ ok: true, value: { kind: 'csv', headers: headerTable(cohort)[0], rows: headerTable(cohort).slice(1, 3) } })
    expect(await dispatch(ctx, 'previewImport', { kind: 'tracker', files: [files[0]] })).toMatchObject({
      ok: false,
      error: { message: 'A tracker import needs a column mapping' }
    })
  })
})
