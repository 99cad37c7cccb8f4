import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { amendDecision, recordDecision, signOffMeeting } from '../../../src/main/core/panel/decisions'
import { addAgendaItem, createMeeting, getMeeting, setAttendance, updateAgendaItem } from '../../../src/main/core/panel/meetings'
import { exportDecisions, renderLetter, renderMinutes } from '../../../src/main/core/panel/outputs'
import { itemHistory } from '../../../src/main/core/panel/history'
import { setPaper } from '../../../src/main/core/panel/papers'
import { fillTemplate, getTemplate, saveTemplate, TrustedHtml } from '../../../src/main/core/panel/templates'
import { meetingFixture } from './fixture'
import { firstOf, itemAt } from '../../helpers/defined'

describe('templates', () => {
  it("fills placeholders, escaping values but not the app's own fragments", () => {
    expect(fillTemplate('<p>{{ a }} {{b}} {{missing}} {{c}}</p>', { a: '<script>x</script> & "q"', b: new TrustedHtml('<em>ok</em>'), c: null })).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; <em>ok</em> {{missing}} </p>'
    )
  })

  it.each([
    ['no start time or place', { start_time: null, place: null }, '<p class="meta">Council · 15/04/2020 </p>'],
    ['no place', { start_time: '10:00', place: null }, '<p class="meta">Council · 15/04/2020 10:00</p>'],
    ['no start time', { start_time: null, place: 'Room 1' }, '<p class="meta">Council · 15/04/2020  · Room 1</p>'],
    ['no council name', { council_name: '', start_time: '10:00', place: 'Room 1' }, '<p class="meta">15/04/2020 10:00 · Room 1</p>'],
    ['every part', { start_time: '10:00', place: 'Room 1' }, '<p class="meta">Council · 15/04/2020 10:00 · Room 1</p>']
  ])('joins a line with "·" only between the parts present: %s', (_name, given, expected) => {
    const line = '<p class="meta">{{council_name}} · {{meeting_date}} {{start_time}} &middot; {{place}}</p>'
    const filled = fillTemplate(line, { council_name: 'Council', meeting_date: '15/04/2020', ...given })
    expect(filled.replace('&middot;', '·')).toBe(expected)
  })

  it('heads the minutes of a meeting with no start time or place without a stray "·"', async () => {
    const { ctx } = await meetingFixture()
    const meeting = await createMeeting(ctx, { date: '2020-05-20', startTime: null, place: null, chair: 'Ada Chair' })
    const meta = /<p class="meta">(.*?)<\/p>/.exec((await renderMinutes(ctx, meeting.id)).html)?.[1]
    expect(meta?.trim()).toMatch(/ · 20\/05\/2020$/)
  })

  it("keeps the council's own template, refuses unknown placeholders, strips active content, and can reset", async () => {
    const { ctx } = await meetingFixture()
    expect((await getTemplate(ctx, 'letter')).customised).toBe(false)
    const saved = await saveTemplate(ctx, 'letter', '<p>Dear {{carer_name}}, about {{child_name}}: {{outcome}}</p>')
    expect(saved.customised).toBe(true)
    await expect(saveTemplate(ctx, 'letter', '<p>{{carer_name}} {{bank_details}}</p>')).rejects.toThrow(/unknown placeholders: \{\{bank_details\}\}/)
    expect((await saveTemplate(ctx, 'minutes', '<p>Minutes {{chair}}<img src=x onerror="alert(1)"></p>')).html).toBe('<p>Minutes {{chair}}</p>')
    await expect(saveTemplate(ctx, 'minutes', '<script>alert(1)</script>')).rejects.toThrow(/empty once formatting is removed/)
    expect((await saveTemplate(ctx, 'letter', null)).customised).toBe(false)
    expect(await ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'panel.template.save'").pluck().get()).toBe(3)
  })
})

describe('meeting outputs', () => {
  const run = async () => {
    const f = await meetingFixture('2020-04-15')
    for (const id of Object.values(f.memberIds)) await setAttendance(f.ctx, id, true)
    let meeting = await getMeeting(f.ctx, f.meetingId)
    await updateAgendaItem(f.ctx, { itemId: firstOf(meeting.agenda).id, socialWorker: 'Sam <b>Social</b>', slotTime: '10:20' })
    meeting = await recordDecision(f.ctx, {
      itemId: firstOf(meeting.agenda).id,
      outcome: 'agreed',
      reasons: '=HYPERLINK("http://x") carers <committed>',
      support: 'Respite monthly',
      actions: [{ description: '+send letter', owner: 'Sam Social', dueDate: '2020-05-01' }]
    })
    meeting = await recordDecision(f.ctx, { itemId: itemAt(meeting.agenda, 1).id, outcome: 'deferred', returnDate: '2020-06-10', reasons: '-papers late' })
    meeting = await recordDecision(f.ctx, {
      itemId: itemAt(meeting.agenda, 2).id,
      outcome: 'oversight',
      returnDate: '2020-07-15',
      reasons: '@track',
      dissent: 'One member preferred deferral'
    })
    return { ...f, meeting }
  }

  it('prints minutes with attendance, quorum, every decision and its actions, escaped', async () => {
    const { ctx, meetingId, children } = await run()
    let minutes = await renderMinutes(ctx, meetingId)
    // Before sign-off the minutes are a draft, whatever the template prints: the print view marks every page.
    expect(minutes.title).toBe('DRAFT Permanence Panel minutes 2020-04-15')
    expect(minutes.draft).toBe(true)
    expect(minutes.html).toContain('15/04/2020 10:00')
    expect(minutes.html).toContain('Ada Chair (chair), Fay Foster (fostering)')
    expect(minutes.html).toContain('quorate (4 present)')
    for (const child of children) expect(minutes.html).toContain(child)
    expect(minutes.html).toContain('Presenting social worker: Sam &lt;b&gt;Social&lt;/b&gt;')
    expect(minutes.html).toContain('carers &lt;committed&gt;')
    expect(minutes.html).toContain('Returns to panel by 10/06/2020.')
    expect(minutes.html).toContain('Management review by 15/07/2020.')
    expect(minutes.html).toContain('<strong>Dissent:</strong> One member preferred deferral')
    const first = firstOf((await getMeeting(ctx, meetingId)).agenda)
    expect(minutes.html).toContain(
      `<tr><td>${first.childName} (${first.childId})</td><td>+send letter</td><td>Sam Social</td><td>01/05/2020</td><td>Not yet due</td></tr>`
    )
    expect(minutes.html).toContain('draft — not signed off')
    await signOffMeeting(ctx, meetingId)
    minutes = await renderMinutes(ctx, meetingId)
    expect(minutes).toMatchObject({ title: 'Permanence Panel minutes 2020-04-15', draft: false })
    expect(minutes.html).toContain('signed off')
    expect(minutes.html).not.toContain('draft')
  })

  it('says in the draft minutes, under a child, which other meetings not yet signed off have them on their agenda, and not once signed off', async () => {
    const { ctx, meetingId, children } = await meetingFixture('2020-04-15')
    const later = await createMeeting(ctx, { date: '2020-05-20', chair: 'Ada Chair' })
    await addAgendaItem(ctx, { meetingId: later.id, childId: itemAt(children, 1), confirm: true })
    const flags = async () =>
      [...(await renderMinutes(ctx, meetingId)).html.matchAll(/<h3>([^<]*)<\/h3>[^]*?(?=<h3>|$)/g)].map((m) => /Also on[^<]*/.exec(m[0])?.[0])
    expect(await flags()).toEqual([undefined, 'Also on the agenda of the meeting on 20/05/2020, not yet signed off.', undefined])
    await ctx.db.prepare("UPDATE panel_meeting SET status = 'signed' WHERE id = ?").run(meetingId)
    expect(await flags()).toEqual([undefined, undefined, undefined])
  })

  it('says which papers the panel had for each child, and "none listed" rather than an empty Papers: line', async () => {
    const { ctx, meetingId, meeting } = await run()
    const [first, ...others] = meeting.agenda
    await setPaper(ctx, { itemId: first!.id, kind: 'Child permanence report', received: true })
    // Children put on the agenda before the standard papers were listed for each (as in the demo's meetings) have none.
    await ctx.db.prepare("UPDATE agenda_item SET papers = '[]' WHERE id <> ?").run(first!.id)
    const html = (await renderMinutes(ctx, meetingId)).html
    const papers = [...html.matchAll(/<p><strong>Papers:<\/strong>([^<]*)<\/p>/g)].map((m) => m[1]?.trim())
    expect(papers[0]).toContain('Child permanence report (received); Carer assessment (not received)')
    expect(papers.slice(1)).toEqual(others.map(() => 'none listed'))
  })

  it('writes a decision letter per child from the template, to the current carer', async () => {
    const { ctx, meetingId, children, meeting } = await run()
    const carer = (await ctx.db
      .prepare('SELECT k.name FROM episode e JOIN carer k ON k.id = e.carer_id WHERE e.child_id = ? ORDER BY e.decom DESC, e.seq DESC LIMIT 1')
      .pluck()
      .get(children[0])) as string | undefined
    const letter = await renderLetter(ctx, meetingId, firstOf(children))
    expect(letter.draft).toBe(true)
    // The child's history says so in words, beside the agenda item's own changes (its time and presenter, set in run()).
    const history = await itemHistory(ctx, firstOf(meeting.agenda).id)
    expect(history.map((h) => h.action)).toContain('Decision letter opened to print or save')
    expect(history.find((h) => h.action === 'Agenda item changed')?.changes).toEqual([
      { field: 'time', before: null, after: '10:20' },
      { field: 'presenting social worker', before: null, after: 'Sam <b>Social</b>' }
    ])
    expect(letter.html).toContain(`Dear ${(carer ?? 'carer').replace(/'/g, '&#39;')},`)
    expect(letter.html).toContain(`Permanence Panel decision for ${firstOf(meeting.agenda).childName.replace(/'/g, '&#39;')}`)
    expect(letter.html).toContain("<strong>The panel's decision:</strong> Agreed")
    expect(letter.html).toContain('Respite monthly')
    expect(letter.html).toContain(`please contact Sam &lt;b&gt;Social&lt;/b&gt;, ${firstOf(meeting.agenda).childName}'s social worker.`)
    const second = await renderLetter(ctx, meetingId, itemAt(children, 1))
    expect(second.html).toContain('<p>Returns to panel by 10/06/2020.</p>')
    expect(second.html).toContain(`please contact ${itemAt(meeting.agenda, 1).childName}'s social worker.`)
    await expect(renderLetter(ctx, meetingId, 'DEMO999999')).rejects.toThrow(/not on the agenda/)
  })

  it('exports the decisions to xlsx with formula-looking text made inert', async () => {
    const { ctx, meetingId, children } = await run()
    const file = await exportDecisions(ctx, meetingId)
    expect(file.fileName).toBe('panel-decisions-2020-04-15.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('Decisions')!
    expect(sheet.rowCount).toBe(4)
    expect(sheet.getRow(2).getCell(2).value).toBe(children[0])
    expect(sheet.getRow(2).getCell(4).value).toBe('Agreed')
    expect(sheet.getRow(2).getCell(6).value).toBe('\'=HYPERLINK("http://x") carers <committed>')
    expect(sheet.getRow(2).getCell(12).value).toBe("'+send letter (Sam Social, due 01/05/2020)")
    expect(sheet.getRow(3).getCell(6).value).toBe("'-papers late")
    expect(sheet.getRow(3).getCell(5).value).toEqual(new Date('2020-06-10T00:00:00Z'))
    expect(sheet.getRow(4).getCell(6).value).toBe("'@track")
    for (let r = 1; r <= sheet.rowCount; r++) {
      sheet.getRow(r).eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))
    }
  })

  it('prints the decisions workbook saying which meeting it is of, with the child and headings on every page and reasons wrapped', async () => {
    const { ctx, meetingId } = await run()
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from((await exportDecisions(ctx, meetingId)).contentBase64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('Decisions')!
    expect(sheet.headerFooter.oddHeader).toContain('Permanence Panel decisions: meeting of 15/04/2020')
    expect(sheet.headerFooter.oddHeader).toContain('DRAFT: not signed off')
    expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N')
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 2,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      printTitlesColumn: 'A:C'
    })
    expect(sheet.getRow(2).getCell(6).alignment).toMatchObject({ wrapText: true })
    // Each row as tall as its longest wrapped text, so no reason runs over the next child's
    // (test/core/workbook-print.test.ts); a reason of one line leaves the row at the default height.
    expect(sheet.getRow(2).height).toBeUndefined()
  })

  it('keeps the actions of a decision in the workbook after it is amended', async () => {
    const { ctx, meetingId, meeting } = await run()
    await signOffMeeting(ctx, meetingId)
    const signed = firstOf(meeting.agenda).decision!
    await amendDecision(ctx, { decisionId: signed.id, outcome: 'agreed', reasons: 'Carers committed', amendmentReason: 'Typo in the reasons' })
    const file = await exportDecisions(ctx, meetingId)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer)
    const row = book.getWorksheet('Decisions')!.getRow(2)
    expect(row.getCell(11).value).toBe('Typo in the reasons')
    expect(row.getCell(12).value).toBe("'+send letter (Sam Social, due 01/05/2020)")
  })
})
