import { z } from 'zod'
import { command, query } from './define'

/** One problem with one cell of an imported file. Row numbers are as a spreadsheet shows them. */
export interface RowIssue {
  file: string
  row: number
  column: string
  value: string
  reason: string
}

/**
 * Issues of one rule, counted over the whole import (not only the listed ones), with
 * the first few rows as examples: thousands of identical warnings read as one line.
 */
export interface IssueGroup {
  /** The rule in words: the reason with the row's own values taken out. */
  rule: string
  column: string
  count: number
  examples: RowIssue[]
}

/** A file full of problems should not need memory in proportion: lists stop here, counts do not. */
export const issueListLimit = 10_000

export interface ImportedFile {
  name: string
  sha256: string
  /** '903 Header', '903 Episodes', 'tracker' … */
  table: string
  rows: number
}

export interface DataImportSummary {
  kind: '903' | 'tracker'
  dryRun: boolean
  /** 903: children new / changed (details or episodes) / identical. Tracker: events. */
  inserted: number
  updated: number
  unchanged: number
  /** Rows left out, with the reason; every other row went in. At most `issueListLimit` listed. */
  rejected: RowIssue[]
  /** Worth a look but imported: check letters, postcode shapes, overlaps, cross-field rules. */
  warnings: RowIssue[]
  /** Every warning grouped by rule, largest group first. */
  warningGroups: IssueGroup[]
  /** Full counts, also when the lists above stop at `issueListLimit`. */
  totals: { rejectedRows: number; rejected: number; warnings: number }
  files: ImportedFile[]
  /**
   * 903 only: episode rows written, stored ones replaced, and stored ones kept because they
   * ended before the child's first episode in the files (earlier years' returns). In a
   * preview, what the import would do.
   */
  episodes?: { written: number; removed: number; kept: number }
  /** The import_batch row (also when nothing changed, so its report can be downloaded); null for a dry run. */
  batchId: number | null
}

export interface ImportProgress {
  /**
   * `starting`: the files are accepted and the import is being set up, before the first row is read.
   * `saving`: every record is written; indexes are being rebuilt and the transaction committed.
   */
  phase: 'starting' | 'reading' | 'checking' | 'writing' | 'saving' | 'done'
  file: string | null
  rows: number
  bytes: number
  totalBytes: number
  /** While writing: records written of `of`. */
  written: number
  of: number
}

export interface ImportBatch {
  id: number
  kind: string
  fileName: string
  sha256: string
  importedAt: string
  importedBy: string
  inserted: number
  updated: number
  unchanged: number
  rejected: number
}

export interface FilePreview {
  kind: 'csv' | 'xlsx'
  sheets: string[]
  sheet: string | null
  headers: string[]
  rows: string[][]
}

/** Base64 text of at most 48 MB of file, so it fits the bridge's 64 MB request limit. */
/** The largest file one call takes: its base64 (a third larger) fits the loopback bridge's 64 MB body. */
export const maxUploadBytes = 48_000_000
const upload = z.strictObject({ fileName: z.string().min(1).max(255), contentBase64: z.string().max((maxUploadBytes / 3) * 4) })
/** A file on this machine: the desktop app and the CLI only (refused in browser mode). */
const onDisk = z.strictObject({ path: z.string().min(1).max(4096) })
export const importFile = z.union([onDisk, upload])
export type ImportFileInput = z.infer<typeof importFile>

export const outcomeValues = z.strictObject({
  agreed: z.array(z.string()).default([]),
  not_agreed: z.array(z.string()).default([]),
  oversight: z.array(z.string()).default([]),
  deferred: z.array(z.string()).default([])
})

/** How a file to import writes its dates. */
export const fileDateFormats = ['DD/MM/YYYY', 'YYYY-MM-DD', 'MM/DD/YYYY'] as const
const fileDateFormat = z.enum(fileDateFormats).default('DD/MM/YYYY')

/** Which columns of a legacy tracker hold what, and which of its words mean which outcome. */
export const trackerMapping = z.strictObject({
  sheet: z.string().min(1).optional(),
  headerRow: z.number().int().min(1).max(1000).default(1),
  columns: z.strictObject({
    childId: z.string().min(1),
    date: z.string().min(1),
    outcome: z.string().min(1),
    notes: z.string().min(1).optional(),
    manager: z.string().min(1).optional()
  }),
  values: z.strictObject({ outcome: outcomeValues }),
  dateFormat: fileDateFormat
})
export type TrackerMapping = z.output<typeof trackerMapping>
export type TrackerMappingInput = z.input<typeof trackerMapping>
export const trackerColumnLabels: Record<keyof TrackerMappingInput['columns'], string> = {
  childId: 'Child ID',
  date: 'Date',
  outcome: 'Outcome',
  notes: 'Notes',
  manager: 'Manager'
}

const importInput = z.strictObject({
  kind: z.enum(['903', 'tracker']),
  files: z.array(importFile).min(1).max(20),
  mapping: trackerMapping.optional(),
  /** Lets the caller poll `importProgress` while the import runs. */
  jobId: z.string().min(1).max(64).optional()
})

export const ioCalls = {
  previewImport: query<DataImportSummary>()(importInput),
  commitImport: command<DataImportSummary>()(importInput),
  importProgress: query<ImportProgress | null>()(z.strictObject({ jobId: z.string().min(1).max(64) })),
  importHistory: query<ImportBatch[]>()(z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) })),
  rejectedReport: query<{ fileName: string; mimeType: string; contentBase64: string }>()(
    z.strictObject({ batchId: z.number().int().min(1), format: z.enum(['csv', 'xlsx']) })
  ),
  /** The 903 export as downloadable files (the CLI writes them to a folder instead). */
  export903Files: query<{ files: { fileName: string; mimeType: string; contentBase64: string }[]; children: number; episodes: number }>()(z.strictObject({})),
  previewFile: query<FilePreview>()(
    z.strictObject({
      file: importFile,
      sheet: z.string().min(1).optional(),
      headerRow: z.number().int().min(1).max(1000).default(1),
      rows: z.number().int().min(1).max(50).default(10)
    })
  )
}
