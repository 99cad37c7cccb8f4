/**
 * Carers import: a council's list of which carers look after which child,
 * read through a column mapping with the tracker import's pipeline (readRows, the
 * same date parsing and rejected-row shape). Each good row links a carer to the
 * placement of the child that starts on the given date, adding the carer to the
 * register when no carer of that name, kind and agency is there yet. A dry run shows
 * everything; the commit writes it all in one transaction, or nothing.
 */
import type { ImportedFile, RowIssue } from '../../../../shared/api'
import { carerKindLabels, carerKinds, type CarerKind, type CarersImportSummary, type CarersMapping } from '../../../../shared/contract/carers'
import type { Context } from '../../context'
import { invalidInput } from '../../errors'
import { audit } from '../../store/audit'
import { insertCarer } from '../../carers/register'
import { placementStarting } from '../../placements/placements'
import { careDate, implausibleDate, notADate, parseCellDate, ukDate } from '../dates'
import type { FieldRule } from '../field-checks'
import { ProgressReporter } from '../progress'
import { mappedRows, normText } from '../mapped-rows'
import { cellText, sourceSize, type ImportSource, type ReadStats } from '../read'
import { unescapeCell } from '../safe-cell'
import { finishMappedImport, type MappedImportOptions } from '../mapped-import'
import { storedChildren } from '../stored-child'

interface CarerRow {
  row: number
  childId: string
  placementStart: string
  name: string
  kind: CarerKind
  provider: string | null
  approvedDate: string | null
  urn: string | null
  address: string | null
}

type Field = keyof CarersMapping['columns']

// The register's own limits (carerInput): a 903 CHILD is 10 characters, an Ofsted URN
// at most 20; names and agencies 200; an address for letters 500 over several lines.
const fieldRules: Record<Field, FieldRule> = {
  childId: { max: 10 },
  placementStart: { max: 40 },
  carerName: { max: 200 },
  kind: { max: 200 },
  provider: { max: 200 },
  approvedDate: { max: 40 },
  urn: { max: 20 },
  address: { max: 500, multiline: true }
}

/** Words for each kind: the mapping's, plus the codes and the kinds' names. */
function kindLookup(mapping: CarersMapping): Map<string, CarerKind> {
  const lookup = new Map<string, CarerKind>(carerKinds.map((k) => [k, k]))
  for (const [kind, words] of Object.entries(mapping.values.kind) as [CarerKind, string[]][]) {
    for (const word of words) {
      const clash = lookup.get(normText(word))
      if (clash !== undefined && clash !== kind && normText(word) !== clash) throw invalidInput(`Mapping: "${word}" is listed under both ${clash} and ${kind}`)
      lookup.set(normText(word), kind)
    }
  }
  // The kinds' names as the app shows them, where the mapping does not use the words itself.
  for (const kind of carerKinds) if (!lookup.has(normText(carerKindLabels[kind]))) lookup.set(normText(carerKindLabels[kind]), kind)
  return lookup
}

/** Foster carers serve for decades: an approval date is checked against a working life, not the 1990 floor. */
const earliestApproval = { date: '1950-01-01', why: 'earlier than any carer still approved today' }

/** The register's identity of a carer: same name, kind and agency is the same carer. */
const carerKey = (name: string, kind: CarerKind, provider: string | null): string => JSON.stringify([normText(name), kind, normText(provider ?? '')])

async function readCarers(ctx: Context, source: ImportSource, mapping: CarersMapping, progress: ProgressReporter) {
  const stats: ReadStats = { bytes: 0, totalBytes: sourceSize(source) }
  progress.phase('reading', { file: source.name, totalBytes: stats.totalBytes })
  const kinds = kindLookup(mapping)
  const storedChild = storedChildren(ctx.db)
  const good: CarerRow[] = []
  const rejected: RowIssue[] = []
  let rows = 0
  for await (const { row, cells, cell, issue, fieldIssues } of mappedRows(source, mapping, stats, () => progress.row(stats.bytes))) {
    if (cells.every((c) => cellText(c) === null)) continue
    rows++
    const text = (field: Field): string | null => {
      const t = cellText(cell(field))
      return t === null ? null : unescapeCell(t).trim() || null
    }
    const date = (field: Field): string | null | undefined => {
      const raw = cell(field)
      if (cellText(raw) === null) return null
      return parseCellDate(raw, ctx.today(), mapping.dateFormat) ?? undefined
    }
    const notADateIn = (field: Field, label: string): string => notADate(label, cell(field), mapping.dateFormat)
    const problems = fieldIssues(fieldRules)
    if (problems.length) {
      rejected.push(...problems)
      continue
    }
    const childId = text('childId')
    const { dob, problem } = await storedChild(childId)
    if (problem) problems.push(issue('childId', problem))
    const started = careDate(cell('placementStart'), cellText(cell('placementStart')) === null, 'placement start', {
      today: ctx.today(),
      format: mapping.dateFormat,
      dob
    })
    const start = 'date' in started ? started.date : undefined
    if ('problem' in started) problems.push(issue('placementStart', started.problem))
    else if (childId !== null && problems.length === 0) {
      const found = await placementStarting(ctx.db, childId, started.date)
      if ('problem' in found) problems.push(issue('placementStart', found.problem))
    }
    const name = text('carerName')
    if (name === null) problems.push(issue('carerName', 'carer name is blank'))
    const kindText = text('kind')
    const carerKind = kindText === null ? mapping.defaultKind : kinds.get(normText(kindText))
    if (carerKind === undefined)
      problems.push(
        issue(
          'kind',
          `"${kindText}" is not a kind of carer: give one of ${carerKinds.map((k) => carerKindLabels[k]).join(', ')}, or a word the mapping lists under one`
        )
      )
    // A carer may well have been approved before the child was born, even long before 1990.
    const approved = date('approvedDate')
    if (approved === undefined) problems.push(issue('approvedDate', notADateIn('approvedDate', 'approval date')))
    else if (approved !== null) {
      const implausible = implausibleDate(approved, ctx.today(), earliestApproval)
      if (implausible) problems.push(issue('approvedDate', `approval date ${ukDate(approved)} ${implausible}`))
    }
    if (problems.length) {
      rejected.push(...problems)
      continue
    }
    good.push({
      row,
      childId: childId!,
      placementStart: start!,
      name: name!,
      kind: carerKind!,
      provider: text('provider'),
      approvedDate: approved ?? null,
      urn: text('urn'),
      address: text('address')
    })
  }
  const file: ImportedFile = { name: source.name, sha256: stats.sha256 ?? '', table: 'carers', rows }
  return { good, rejected, file }
}

export async function importCarers(
  ctx: Context,
  source: ImportSource,
  mapping: CarersMapping,
  options: MappedImportOptions = {}
): Promise<CarersImportSummary> {
  const progress = new ProgressReporter(options.onProgress)
  const { good, rejected, file } = await readCarers(ctx, source, mapping, progress)
  progress.phase('checking')
  const { db } = ctx
  const register = new Map<string, number>()
  for (const c of (await db.prepare('SELECT id, name, kind, provider FROM carer ORDER BY id').all()) as {
    id: number
    name: string
    kind: CarerKind
    provider: string | null
  }[]) {
    if (!register.has(carerKey(c.name, c.kind, c.provider))) register.set(carerKey(c.name, c.kind, c.provider), c.id)
  }
  const linked = db.prepare('SELECT 1 FROM placement_carer WHERE child_id = ? AND placement_start = ? AND carer_id = ?').pluck()
  const warnings: RowIssue[] = []
  const newCarers = new Map<string, CarerRow>()
  const seen = new Map<string, number>()
  const fresh: CarerRow[] = []
  let unchanged = 0
  for (const r of good) {
    const key = carerKey(r.name, r.kind, r.provider)
    const link = JSON.stringify([r.childId, r.placementStart, key])
    const earlier = seen.get(link)
    if (earlier !== undefined) {
      warnings.push({
        file: file.name,
        row: r.row,
        column: mapping.columns.carerName,
        value: r.name,
        reason: `same carer and placement as row ${earlier}; linked once`
      })
      continue
    }
    seen.set(link, r.row)
    const id = register.get(key)
    if (id !== undefined && (await linked.get(r.childId, r.placementStart, id))) {
      unchanged++
      continue
    }
    if (id === undefined && !newCarers.has(key)) newCarers.set(key, r)
    fresh.push(r)
  }
  const extra = { carersAdded: newCarers.size }
  const found = { kind: 'carers' as const, dryRun: options.dryRun ?? false, file, mapping, inserted: fresh.length, unchanged, extra, rejected, warnings }
  return finishMappedImport(ctx, progress, found, async (batchId, now) => {
    const insertLink = db.prepare(
      'INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at, import_batch_id) VALUES (?, ?, ?, ?, ?, ?)'
    )
    for (const [key, r] of newCarers) {
      register.set(
        key,
        (
          await insertCarer(
            db,
            ctx.user,
            { name: r.name, kind: r.kind, provider: r.provider, approvedDate: r.approvedDate, urn: r.urn, address: r.address },
            ctx.today()
          )
        ).id
      )
    }
    for (const r of fresh) {
      const carerId = register.get(carerKey(r.name, r.kind, r.provider))!
      await insertLink.run(r.childId, r.placementStart, carerId, ctx.user, now, batchId)
      await audit(db, {
        who: ctx.user,
        at: now,
        action: 'import.carers.link',
        entity: 'placement_carer',
        entityId: `${r.childId}/${r.placementStart}/${carerId}`,
        after: { childId: r.childId, placementStart: r.placementStart, carer: r.name, file: file.name, row: r.row }
      })
      progress.wrote()
    }
  })
}
