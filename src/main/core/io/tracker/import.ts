import type { ImportedFile, DataImportSummary, RowIssue, TrackerMapping } from '../../../../shared/api'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import { audit } from '../../store/audit'
import { careDate } from '../dates'
import type { FieldRule } from '../field-checks'
import { ProgressReporter } from '../progress'
import { mappedRows, normText } from '../mapped-rows'
import { cellText, sourceSize, type ImportSource, type ReadStats } from '../read'
import { unescapeCell } from '../safe-cell'
import { insertOversightEntry } from '../../tracker/oversight'
import { finishMappedImport, type MappedImportOptions } from '../mapped-import'
import { storedChildren } from '../stored-child'
import { refreshTrackerSpans } from '../../tracker/refresh'

/**
 * Legacy tracker import: a council's own spreadsheet of panel decisions and oversight
 * entries, read through a column mapping. Panel outcomes become `decision` rows and
 * "oversight" rows become `oversight_entry` rows, both marked source = 'import'.
 * Events are append-only facts, so a row already imported (same child, date, outcome
 * and note) is "unchanged" and re-importing the same tracker changes nothing.
 */
type Outcome = 'agreed' | 'not_agreed' | 'deferred' | 'oversight'

interface TrackerEvent {
  row: number
  childId: string
  date: string
  outcome: Outcome
  note: string | null
  manager: string | null
}

// Child IDs are 903 CHILD values (10 characters); a mapped outcome word or a manager's
// name is short; notes are free text with line breaks, up to a long paragraph or two.
const fieldRules: Record<keyof TrackerMapping['columns'], FieldRule> = {
  childId: { max: 10 },
  date: { max: 40 },
  outcome: { max: 200 },
  manager: { max: 200 },
  notes: { max: 10_000, multiline: true }
}

export function outcomeLookup(mapping: TrackerMapping): Map<string, Outcome> {
  const lookup = new Map<string, Outcome>()
  for (const [outcome, words] of Object.entries(mapping.values.outcome) as [Outcome, string[]][]) {
    for (const word of words) {
      const key = normText(word)
      const clash = lookup.get(key)
      if (clash && clash !== outcome) throw invalidInput(`Mapping: "${word}" is listed under both ${clash} and ${outcome}`)
      lookup.set(key, outcome)
    }
  }
  return lookup
}

/** Reads and checks every row; nothing is written. */
async function readTracker(ctx: Context, source: ImportSource, mapping: TrackerMapping, progress: ProgressReporter) {
  const stats: ReadStats = { bytes: 0, totalBytes: sourceSize(source) }
  progress.phase('reading', { file: source.name, totalBytes: stats.totalBytes })
  const outcomes = outcomeLookup(mapping)
  const storedChild = storedChildren(ctx.db)
  const events: TrackerEvent[] = []
  const rejected: RowIssue[] = []
  const warnings: RowIssue[] = []
  let rows = 0
  for await (const { row, cell, issue, fieldIssues } of mappedRows(source, mapping, stats, () => progress.row(stats.bytes))) {
    rows++
    const text = (field: keyof TrackerMapping['columns']): string | null => {
      const t = cellText(cell(field))
      return t === null ? null : unescapeCell(t)
    }
    const problems = fieldIssues(fieldRules)
    if (problems.length) {
      rejected.push(...problems)
      continue
    }
    const childId = text('childId')
    const { dob, problem } = await storedChild(childId)
    if (problem) problems.push(issue('childId', problem))
    const dated = careDate(cell('date'), cellText(cell('date')) === null, 'date', { today: ctx.today(), format: mapping.dateFormat, dob })
    const date = 'date' in dated ? dated.date : null
    if ('problem' in dated) problems.push(issue('date', dated.problem))
    const outcomeText = text('outcome')
    const outcome = outcomeText === null ? undefined : outcomes.get(normText(outcomeText))
    if (outcome === undefined) problems.push(issue('outcome', outcomeText === null ? 'outcome is blank' : `"${outcomeText}" is not mapped to an outcome`))
    if (problems.length) {
      rejected.push(...problems)
      continue
    }
    events.push({ row, childId: childId!, date: date!, outcome: outcome!, note: text('notes'), manager: text('manager') })
  }
  const file: ImportedFile = { name: source.name, sha256: stats.sha256 ?? '', table: 'tracker', rows }
  return { events, rejected, warnings, file }
}

export async function importTracker(
  ctx: Context,
  source: ImportSource,
  mapping: TrackerMapping,
  options: MappedImportOptions = {}
): Promise<DataImportSummary> {
  const progress = new ProgressReporter(options.onProgress)
  const { events, rejected, warnings, file } = await readTracker(ctx, source, mapping, progress)
  progress.phase('checking')
  const { db } = ctx
  const sameDecision = db
    .prepare(
      "SELECT 1 FROM decision WHERE child_id = ? AND decision_date = ? AND outcome = ? AND reasons IS NOT DISTINCT FROM CAST(? AS text) AND source = 'import'"
    )
    .pluck()
  const sameOversight = db
    .prepare("SELECT 1 FROM oversight_entry WHERE child_id = ? AND entry_date = ? AND note IS NOT DISTINCT FROM CAST(? AS text) AND source = 'import'")
    .pluck()
  const seen = new Map<string, number>()
  const fresh: TrackerEvent[] = []
  let unchanged = 0
  for (const e of events) {
    const key = JSON.stringify([e.childId, e.date, e.outcome, e.note])
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      warnings.push({ file: file.name, row: e.row, column: mapping.columns.childId, value: e.childId, reason: `same event as row ${earlier}; imported once` })
      continue
    }
    seen.set(key, e.row)
    const exists = e.outcome === 'oversight' ? await sameOversight.get(e.childId, e.date, e.note) : await sameDecision.get(e.childId, e.date, e.outcome, e.note)
    if (exists) unchanged++
    else fresh.push(e)
  }
  const found = { kind: 'tracker' as const, dryRun: options.dryRun ?? false, file, mapping, inserted: fresh.length, unchanged, extra: {}, rejected, warnings }
  return finishMappedImport(ctx, progress, found, async (batchId, now) => {
    const decision = db
      .prepare(
        `INSERT INTO decision (child_id, decision_date, outcome, reasons, source, recorded_by, recorded_at, import_batch_id)
      VALUES (?, ?, ?, ?, 'import', ?, ?, ?) RETURNING id`
      )
      .pluck()
    for (const e of fresh) {
      const id =
        e.outcome === 'oversight'
          ? await insertOversightEntry(db, {
              childId: e.childId,
              entryDate: e.date,
              manager: e.manager ?? `Imported from ${file.name}`,
              note: e.note,
              source: 'import',
              recordedBy: ctx.user,
              recordedAt: now,
              importBatchId: batchId
            })
          : await decision.get(e.childId, e.date, e.outcome, e.note, ctx.user, now, batchId)
      await audit(db, {
        who: ctx.user,
        at: now,
        action: 'import.tracker.insert',
        entity: e.outcome === 'oversight' ? 'oversight_entry' : 'decision',
        entityId: Number(id),
        after: { childId: e.childId, date: e.date, outcome: e.outcome, note: e.note, file: file.name, row: e.row }
      })
      progress.wrote()
    }
    // The decisions' children get their spans now, so the tracker's next read does not wait.
    await refreshTrackerSpans(db)
  })
}
