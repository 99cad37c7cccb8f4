import { mapSeries } from '../util/series'
import { excelDate, loadExcelJS, printSetup, ukDateFormat, wrapListColumns } from '../util/excel'
import { createHash } from 'node:crypto'
import {
  actionStatusLabels,
  outcomeLabels,
  type FileDownload,
  type MeetingDetail,
  type PanelDecision,
  type PrintableDocument
} from '../../../shared/contract/panel'
import type { Context } from '../context'
import { notFound } from '../errors'
import { safeCell } from '../io/safe-cell'
import { auditExport } from '../store/audit'
import { getMeeting } from './meetings'
import { sanitiseTemplateHtml } from './sanitise'
import { carerKindLabels, supportChecklistItems, supportChecklistLabels, type Carer, type DecisionAbout } from '../../../shared/contract/carers'
import { decisionAbout } from '../carers/decisionCarers'
import { currentCarers } from '../placements/placements'
import type { Db } from '../store/db'
import { councilName, escapeHtml, fillTemplate, getTemplate, TrustedHtml } from './templates'
import { countOf } from '../../../shared/plural'
import { openAgendasOf } from '../../../shared/panel-terms'
import { mustSeeChildren } from '../people/roles'

const e = (s: string | null | undefined): string => escapeHtml(s ?? '')
const ukDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '')

const dateNote = (d: PanelDecision): string =>
  d.outcome === 'deferred' && d.returnDate
    ? `Returns to panel by ${ukDate(d.returnDate)}.`
    : d.outcome === 'oversight' && d.returnDate
      ? `Management review by ${ukDate(d.returnDate)}.`
      : ''

/** The minutes' line on whom the decision is about and the support in place. */
function carersLine(about: DecisionAbout): string {
  const names = about.carers.length ? about.carers.map((c) => `${e(c.name)} (${e(carerKindLabels[c.kind])})`).join(', ') : 'none named'
  const placement = about.placementStart ? `, placement from ${ukDate(about.placementStart)}` : ''
  const ticked = supportChecklistItems.filter((k) => about.checklist[k]).map((k) => supportChecklistLabels[k])
  return `<p><strong>Carers:</strong> ${names}${placement}. <strong>In place:</strong> ${e(ticked.join(', ') || 'nothing recorded')}</p>`
}

async function decisionsBlock(db: Db, meeting: MeetingDetail): Promise<TrustedHtml> {
  if (meeting.agenda.length === 0) return new TrustedHtml('<p>No children were considered.</p>')
  const items = await mapSeries(meeting.agenda, async (item) => {
    const d = item.decision
    const rows: string[] = [
      `<h3>${item.position}. ${e(item.childName)} (${e(item.childId)})</h3>`,
      `<p class="meta">${item.slotTime ? `${e(item.slotTime)} · ` : ''}Presenting social worker: ${e(item.socialWorker ?? 'not recorded')}${item.reason ? ` · ${e(item.reason)}` : ''}</p>`,
      `<p><strong>Papers:</strong> ${item.papers.map((p) => `${e(p.kind)} ${p.received ? '(received)' : '(not received)'}`).join('; ') || 'none listed'}</p>`
    ]
    // Draft minutes are what the panel reads before deciding; signed ones are the record of this meeting alone.
    if (meeting.status !== 'signed' && item.alsoOnAgendaOf.length) {
      rows.push(`<p class="flag">Also on ${e(openAgendasOf(item.alsoOnAgendaOf.map((m) => m.date)))}.</p>`)
    }
    if (!d) rows.push('<p><strong>Decision:</strong> none recorded</p>')
    else {
      rows.push(
        `<p><strong>Decision:</strong> ${e(outcomeLabels[d.outcome])}${d.quorate === false ? ' <strong class="flag">— recorded while the panel was not quorate</strong>' : ''}. ${e(dateNote(d))}</p>`
      )
      rows.push(`<p><strong>Reasons:</strong> ${e(d.reasons)}</p>`)
      if (d.conditions) rows.push(`<p><strong>Conditions:</strong> ${e(d.conditions)}</p>`)
      rows.push(carersLine(await decisionAbout(db, d.id)))
      if (d.support) rows.push(`<p><strong>Support and training:</strong> ${e(d.support)}</p>`)
      if (d.dissent) rows.push(`<p><strong>Dissent:</strong> ${e(d.dissent)}</p>`)
      if (d.amendsId !== null) {
        rows.push(`<p class="flag"><strong>Amended</strong> by ${e(d.recordedBy)} on ${e(ukDate(d.recordedAt.slice(0, 10)))}: ${e(d.amendmentReason)}</p>`)
      }
      for (const old of item.superseded) {
        rows.push(`<p class="superseded">Superseded: ${e(outcomeLabels[old.outcome])} — ${e(old.reasons)}</p>`)
      }
    }
    return `<section class="item">${rows.join('\n')}</section>`
  })
  return new TrustedHtml(items.join('\n'))
}

function actionsBlock(meeting: MeetingDetail): TrustedHtml {
  const actions = meeting.agenda.flatMap((item) => [item.decision, ...item.superseded].flatMap((d) => d?.actions ?? []).map((a) => ({ item, a })))
  if (actions.length === 0) return new TrustedHtml('<p>No actions.</p>')
  const rows = actions.map(
    ({ item, a }) =>
      // Minutes are read by people, not matched by code: the child's name, and the status as a word.
      `<tr><td>${e(item.childName)} (${e(item.childId)})</td><td>${e(a.description)}</td><td>${e(a.owner)}</td><td>${e(ukDate(a.dueDate))}</td><td>${a.doneAt ? `Done ${e(ukDate(a.doneAt.slice(0, 10)))}` : actionStatusLabels[a.status]}</td></tr>`
  )
  return new TrustedHtml(
    `<table><thead><tr><th>Child</th><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  )
}

export async function renderMinutes(ctx: Context, meetingId: number): Promise<PrintableDocument> {
  await mustSeeChildren(ctx, 'the minutes')
  const meeting = await getMeeting(ctx, meetingId)
  const present = meeting.members.filter((m) => m.attended)
  const absent = meeting.members.filter((m) => !m.attended)
  // Sanitised once more as a whole document: the last gate before the HTML is shown and printed.
  const html = sanitiseTemplateHtml(
    fillTemplate((await getTemplate(ctx, 'minutes')).html, {
      council_name: await councilName(ctx),
      meeting_date: ukDate(meeting.date),
      start_time: meeting.startTime,
      place: meeting.online ? `${meeting.place ?? ''} (online)`.trim() : meeting.place,
      chair: meeting.chair,
      members_present: present.map((m) => `${m.name} (${m.role})`).join(', ') || 'none recorded',
      members_absent: absent.map((m) => `${m.name} (${m.role})`).join(', ') || 'none',
      quorum: meeting.quorum.quorate ? `quorate (${meeting.quorum.present} present)` : `NOT quorate: ${meeting.quorum.shortfalls.join('; ')}`,
      decisions: await decisionsBlock(ctx.db, meeting),
      actions: actionsBlock(meeting),
      status: meeting.status === 'signed' ? 'signed off' : 'draft — not signed off',
      signed_by: meeting.signedBy ?? '—',
      signed_at: meeting.signedAt ? ukDate(meeting.signedAt.slice(0, 10)) : ''
    })
  )
  await auditExport(ctx, {
    action: 'panel.minutes.export',
    entity: 'panel_meeting',
    entityId: meetingId,
    what: `minutes of ${meeting.date}, ${countOf(meeting.agenda.length, 'child', 'children')}`,
    where: 'print view'
  })
  const draft = meeting.status !== 'signed'
  return { title: `${draft ? 'DRAFT ' : ''}Permanence Panel minutes ${meeting.date}`, html, draft }
}

/**
 * Where the letter goes: the carers' address from the register, line by line. Carers
 * living at different addresses each get their own, after their name.
 */
function addressBlock(carers: readonly Carer[]): TrustedHtml {
  const lines = (address: string): string =>
    address
      .split(/\r?\n/)
      .map((l) => e(l.trim()))
      .filter(Boolean)
      .join('<br>')
  const known = carers.filter((c) => c.address?.trim())
  const distinct = new Set(known.map((c) => c.address!.trim()))
  const address = known[0]?.address
  if (distinct.size <= 1) return new TrustedHtml(address ? lines(address) : '')
  return new TrustedHtml(known.map((c) => `${e(c.name)}: ${lines(c.address!)}`).join('<br>'))
}

export async function renderLetter(ctx: Context, meetingId: number, childId: string): Promise<PrintableDocument> {
  await mustSeeChildren(ctx, 'a decision letter')
  const meeting = await getMeeting(ctx, meetingId)
  const item = meeting.agenda.find((i) => i.childId === childId)
  if (!item) throw notFound(`${childId} is not on the agenda of the meeting of ${meeting.date}.`)
  if (!item.decision) throw notFound(`No decision is recorded yet for ${childId} at the meeting of ${meeting.date}.`)
  const d = item.decision
  // Addressed to the carers the decision names; failing them, the carers then.
  const named = (await decisionAbout(ctx.db, d.id)).carers
  const carers = named.length ? named : ((await currentCarers(ctx.db, childId, meeting.date)).placement?.carers ?? [])
  const carer = carers.length ? carers.map((c) => c.name).join(' and ') : undefined
  const html = sanitiseTemplateHtml(
    fillTemplate((await getTemplate(ctx, 'letter')).html, {
      council_name: await councilName(ctx),
      today: ukDate(ctx.today()),
      carer_name: carer ?? 'carer',
      carer_address: addressBlock(carers),
      child_name: item.childName,
      child_id: item.childId,
      meeting_date: ukDate(meeting.date),
      chair: meeting.chair,
      outcome: outcomeLabels[d.outcome],
      reasons: d.reasons,
      conditions: d.conditions ?? 'none',
      support: d.support ?? 'none identified',
      return_date: dateNote(d),
      social_worker: item.socialWorker ? `${item.socialWorker}, ${item.childName}'s social worker` : `${item.childName}'s social worker`
    })
  )
  await auditExport(ctx, {
    action: 'panel.letter.export',
    entity: 'decision',
    entityId: d.id,
    what: `decision letter for ${childId}, meeting of ${meeting.date}`,
    where: 'print view'
  })
  const draft = !d.locked
  return { title: `${draft ? 'DRAFT ' : ''}Panel decision letter ${item.childId} ${meeting.date}`, html, draft }
}

export async function exportDecisions(ctx: Context, meetingId: number): Promise<FileDownload> {
  await mustSeeChildren(ctx, 'the decisions workbook')
  const meeting = await getMeeting(ctx, meetingId)
  const book = new (await loadExcelJS()).Workbook()
  book.creator = 'Permanence Desk'
  // On paper each page says which meeting it is of (the sheet's rows do not), and carries the child and the headings.
  const sheet = book.addWorksheet('Decisions', {
    pageSetup: printSetup({ headerRows: '1:1', titleColumns: 'A:C', pagesWide: 2 }),
    headerFooter: {
      oddHeader: `&LPermanence Panel decisions: meeting of ${ukDate(meeting.date)}&R${meeting.status === 'signed' ? 'Signed off' : 'DRAFT: not signed off'}`,
      oddFooter: '&CPage &P of &N'
    }
  })
  sheet.columns = [
    { header: 'Position', key: 'position', width: 10 },
    { header: 'Child ID', key: 'childId', width: 14 },
    { header: 'Child', key: 'childName', width: 24 },
    { header: 'Outcome', key: 'outcome', width: 22 },
    { header: 'Return / review date', key: 'returnDate', width: 14 },
    { header: 'Reasons', key: 'reasons', width: 50 },
    { header: 'Conditions', key: 'conditions', width: 30 },
    { header: 'Support and training', key: 'support', width: 30 },
    { header: 'Dissent', key: 'dissent', width: 30 },
    { header: 'Quorate', key: 'quorate', width: 10 },
    { header: 'Amended because', key: 'amendment', width: 30 },
    { header: 'Actions', key: 'actions', width: 50 }
  ]
  sheet.getRow(1).font = { bold: true }
  for (const item of meeting.agenda) {
    const d = item.decision
    sheet.addRow({
      position: item.position,
      childId: safeCell(item.childId),
      childName: safeCell(item.childName),
      outcome: d ? outcomeLabels[d.outcome] : 'no decision',
      returnDate: excelDate(d?.returnDate ?? null),
      reasons: safeCell(d?.reasons ?? null),
      conditions: safeCell(d?.conditions ?? null),
      support: safeCell(d?.support ?? null),
      dissent: safeCell(d?.dissent ?? null),
      quorate: d?.quorate === null || d === null ? null : d.quorate ? 'yes' : 'NO',
      amendment: safeCell(d?.amendmentReason ?? null),
      // An amendment carries no actions of its own: those set with the signed decision stay the meeting's, as in the minutes.
      actions: safeCell(
        [d, ...item.superseded]
          .flatMap((x) => x?.actions ?? [])
          .map((a) => `${a.description} (${a.owner}${a.dueDate ? `, due ${ukDate(a.dueDate)}` : ''})`)
          .join('; ') || null
      )
    })
  }
  sheet.getColumn('returnDate').numFmt = ukDateFormat
  // Reasons and actions run to several lines: wrapped in their columns, each row as tall as its longest.
  wrapListColumns(sheet, ['reasons', 'conditions', 'support', 'dissent', 'amendment', 'actions'])
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  const fileName = `panel-decisions-${meeting.date}.xlsx`
  await auditExport(ctx, {
    action: 'panel.decisions.export',
    entity: 'panel_meeting',
    entityId: meetingId,
    what: `${fileName}, ${countOf(meeting.agenda.length, 'child', 'children')}`,
    where: 'download'
  })
  return { fileName, contentBase64: buffer.toString('base64'), sha256: createHash('sha256').update(buffer).digest('hex') }
}
