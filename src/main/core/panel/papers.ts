import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { writeBufferAtomicallySync } from '../io/atomic-write'
import { basename, extname, join } from 'node:path'
import { maxPaperBytes, type FileDownload, type MeetingDetail, type Paper } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { auditChange } from '../store/audit'
import { agendaRow, assertNotSigned, getMeeting, meetingRow } from './meetings'
import { parsePapers } from './rows'

/**
 * Papers are copied into the app's data folder under their SHA-256, made read-only,
 * and checked against the recorded hash whenever they are opened: what the panel read
 * is what the record says it read.
 */
const papersDir = (ctx: Context): string => join(ctx.dataDir, 'papers')
const storedPath = (ctx: Context, sha256: string, fileName: string): string =>
  join(
    papersDir(ctx),
    `${sha256}${extname(fileName)
      .toLowerCase()
      .replace(/[^.a-z0-9]/g, '')}`
  )

async function writePapers(ctx: Context, itemId: number, papers: Paper[], action: string, before: Paper[]): Promise<void> {
  await ctx.db.prepare('UPDATE agenda_item SET papers = ? WHERE id = ?').run(JSON.stringify(papers), itemId)
  await auditChange(ctx, { action, entity: 'agenda_item', entityId: itemId, before: { papers: before }, after: { papers } })
}

const upsert = (papers: Paper[], kind: string, change: (p: Paper) => Paper): Paper[] => {
  const existing = papers.find((p) => p.kind.toLowerCase() === kind.toLowerCase())
  return existing ? papers.map((p) => (p === existing ? change(p) : p)) : [...papers, change({ kind, received: false, file: null })]
}

export async function setPaper(ctx: Context, input: { itemId: number; kind: string; received: boolean }): Promise<MeetingDetail> {
  const item = await agendaRow(ctx.db, input.itemId)
  await ctx.db.transaction(async () => {
    assertNotSigned(await meetingRow(ctx.db, item.meeting_id), 'changing its papers')
    const before = parsePapers(item.papers)
    await writePapers(
      ctx,
      item.id,
      upsert(before, input.kind, (p) => ({ ...p, received: input.received })),
      'panel.paper.set',
      before
    )
  })()
  return await getMeeting(ctx, item.meeting_id)
}

export async function attachPaper(ctx: Context, input: { itemId: number; kind: string; fileName: string; contentBase64: string }): Promise<MeetingDetail> {
  const item = await agendaRow(ctx.db, input.itemId)
  assertNotSigned(await meetingRow(ctx.db, item.meeting_id), 'attaching papers')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64)) throw invalidInput(`${input.fileName}: the file content is not base64.`)
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (bytes.length === 0) throw invalidInput(`${input.fileName} is empty.`)
  if (bytes.length > maxPaperBytes) {
    throw invalidInput(`${input.fileName} is ${(bytes.length / 1048576).toFixed(1)} MB; papers can be at most ${maxPaperBytes / 1048576} MB.`)
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const name = basename(input.fileName.replace(/\\/g, '/'))
  const path = storedPath(ctx, sha256, name)
  mkdirSync(papersDir(ctx), { recursive: true })
  if (!existsSync(path)) {
    writeBufferAtomicallySync(path, bytes)
    chmodSync(path, 0o444)
  }
  await ctx.db.transaction(async () => {
    const before = parsePapers((await agendaRow(ctx.db, item.id)).papers)
    const file = { name, sha256, size: bytes.length, addedBy: ctx.user, addedAt: ctx.clock.timestamp() }
    await writePapers(
      ctx,
      item.id,
      upsert(before, input.kind, (p) => ({ ...p, received: true, file })),
      'panel.paper.attach',
      before
    )
  })()
  return await getMeeting(ctx, item.meeting_id)
}

export async function readPaper(ctx: Context, input: { itemId: number; kind: string }): Promise<FileDownload> {
  const item = await agendaRow(ctx.db, input.itemId)
  const paper = parsePapers(item.papers).find((p) => p.kind.toLowerCase() === input.kind.toLowerCase())
  if (!paper?.file) throw notFound(`No file is attached for "${input.kind}" on agenda item ${input.itemId}.`)
  const path = storedPath(ctx, paper.file.sha256, paper.file.name)
  if (!existsSync(path)) throw new AppError('not_found', `The stored copy of ${paper.file.name} is missing from ${papersDir(ctx)}; attach it again.`)
  const bytes = readFileSync(path)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  if (sha256 !== paper.file.sha256) {
    throw new AppError(
      'conflict',
      `The stored copy of ${paper.file.name} has changed since it was attached (SHA-256 ${sha256}, recorded ${paper.file.sha256}); it was not opened.`
    )
  }
  return { fileName: paper.file.name, contentBase64: bytes.toString('base64'), sha256 }
}
