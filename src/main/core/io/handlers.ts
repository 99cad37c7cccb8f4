import type { ImportFileInput } from '../../../shared/api'
import type { Context } from '../context'
import { invalidInput } from '../errors'
import { auditExport } from '../store/audit'
import type { HandlerMap } from '../handler'
import { importHistory, rejectedReport } from './history'
import { previewFile } from './preview'
import { jobProgress, trackJob } from './progress'
import type { ImportSource } from './read'
import { start903Import } from './ssda903/start'
import { importTracker } from './tracker/import'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { export903 } from './ssda903/export'

/**
 * One contract for both shells: the desktop app passes a path it got from the file
 * dialog; the browser uploads the bytes. Paths are refused in browser mode, where a
 * page must not be able to name files on the machine.
 */
export function toSource(ctx: Context, file: ImportFileInput): ImportSource {
  if ('path' in file) {
    if (ctx.shell === 'browser') throw invalidInput('In the browser, choose the file to upload; file paths are only accepted by the desktop app and the CLI.')
    return { name: basename(file.path), path: file.path }
  }
  return { name: basename(file.fileName), content: Buffer.from(file.contentBase64, 'base64') }
}

type ImportInput = Parameters<HandlerMap<'previewImport'>['previewImport']>[1]

async function runImport(ctx: Context, input: ImportInput, dryRun: boolean) {
  const sources = input.files.map((f) => toSource(ctx, f))
  const onProgress = trackJob(input.jobId)
  if (input.kind === '903') return await start903Import(ctx, sources, { dryRun, onProgress })
  if (!input.mapping) throw invalidInput('A tracker import needs a column mapping')
  const [source, ...others] = sources
  if (source === undefined || others.length > 0) throw invalidInput('Import one tracker file at a time')
  return await importTracker(ctx, source, input.mapping, { dryRun, onProgress })
}

export const ioHandlers: HandlerMap<
  'previewImport' | 'commitImport' | 'importProgress' | 'importHistory' | 'rejectedReport' | 'previewFile' | 'export903Files'
> = {
  previewImport: async (ctx, input) => await runImport(ctx, input, true),
  commitImport: async (ctx, input) => await runImport(ctx, input, false),
  importProgress: (_ctx, input) => jobProgress(input.jobId),
  importHistory: async (ctx, input) => await importHistory(ctx.db, input.limit),
  rejectedReport: async (ctx, input) => {
    const report = await rejectedReport(ctx.db, input.batchId, input.format)
    // Rejected values are the file's own cells: child IDs, carers' names and addresses, notes.
    await auditExport(ctx, { action: 'import.report.export', entity: 'import_batch', entityId: input.batchId, what: report.fileName, where: 'download' })
    return { fileName: report.fileName, mimeType: report.mimeType, contentBase64: report.content.toString('base64') }
  },
  export903Files: async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'permanence-export-'))
    try {
      const result = await export903(ctx, dir, { where: 'download' })
      const file = (path: string) => ({ fileName: basename(path), mimeType: 'text/csv', contentBase64: readFileSync(path).toString('base64') })
      return { files: [file(result.header), file(result.episodes)], children: result.children, episodes: result.episodeRows }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
  previewFile: (ctx, input) => previewFile(toSource(ctx, input.file), { sheet: input.sheet, headerRow: input.headerRow, rows: input.rows })
}
