import { createHash } from 'node:crypto'
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../src/main/core/dispatch'
import { getMeeting } from '../../../src/main/core/panel/meetings'
import { attachPaper, readPaper, setPaper } from '../../../src/main/core/panel/papers'
import { maxPaperBytes } from '../../../src/shared/contract/panel'
import { meetingFixture } from './fixture'
import { firstOf } from '../../helpers/defined'

describe('panel papers', () => {
  it('starts each item with the standard papers and tracks receipt', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const item = firstOf((await getMeeting(ctx, meetingId)).agenda)
    expect(item.papers.map((p) => p.kind)).toEqual(['Child permanence report', 'Carer assessment', 'Support plan', "Child's views"])
    const meeting = await setPaper(ctx, { itemId: item.id, kind: 'support plan', received: true })
    expect(meeting.agenda[0]?.papers.find((p) => p.kind === 'Support plan')?.received).toBe(true)
    const extra = await setPaper(ctx, { itemId: item.id, kind: 'Health assessment', received: true })
    expect(extra.agenda[0]?.papers.at(-1)).toEqual({ kind: 'Health assessment', received: true, file: null })
  })

  it('copies attached files into the data folder read-only, records the hash and checks it on opening', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const item = firstOf((await getMeeting(ctx, meetingId)).agenda)
    const content = Buffer.from('%PDF-1.4 fictional child permanence report')
    const meeting = await attachPaper(ctx, {
      itemId: item.id,
      kind: 'Child permanence report',
      fileName: 'C:\\Users\\sw\\CPR.pdf',
      contentBase64: content.toString('base64')
    })
    const paper = firstOf(meeting.agenda).papers[0]
    const sha256 = createHash('sha256').update(content).digest('hex')
    expect(paper).toMatchObject({ received: true, file: { name: 'CPR.pdf', sha256, size: content.length, addedBy: 'tester' } })
    const stored = join(ctx.dataDir, 'papers', `${sha256}.pdf`)
    expect(readdirSync(join(ctx.dataDir, 'papers'))).toEqual([`${sha256}.pdf`])
    expect(statSync(stored).mode & 0o222).toBe(0)
    expect(await readPaper(ctx, { itemId: item.id, kind: 'child permanence report' })).toEqual({
      fileName: 'CPR.pdf',
      sha256,
      contentBase64: content.toString('base64')
    })

    chmodSync(stored, 0o644)
    writeFileSync(stored, 'tampered')
    await expect(readPaper(ctx, { itemId: item.id, kind: 'Child permanence report' })).rejects.toThrow(/has changed since it was attached/)
    await expect(readPaper(ctx, { itemId: item.id, kind: 'Carer assessment' })).rejects.toThrow(/No file is attached for "Carer assessment"/)
  })

  it('refuses empty, oversized and non-base64 files', async () => {
    const { ctx, meetingId } = await meetingFixture()
    const itemId = firstOf((await getMeeting(ctx, meetingId)).agenda).id
    await expect(attachPaper(ctx, { itemId, kind: 'Support plan', fileName: 'a.pdf', contentBase64: '' })).rejects.toThrow('a.pdf is empty.')
    await expect(attachPaper(ctx, { itemId, kind: 'Support plan', fileName: 'a.pdf', contentBase64: 'not base64!' })).rejects.toThrow(/not base64/)
    const big = Buffer.alloc(maxPaperBytes + 1, 1).toString('base64')
    await expect(attachPaper(ctx, { itemId, kind: 'Support plan', fileName: 'big.pdf', contentBase64: big })).rejects.toThrow(
      /big.pdf is 20.0 MB; papers can be at most 20 MB/
    )
    const tooLong = await dispatch(ctx, 'attachPaper', { itemId, kind: 'Support plan', fileName: 'huge.pdf', contentBase64: 'A'.repeat(30 * 1024 * 1024) })
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
