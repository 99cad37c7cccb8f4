import { forEachSeries } from '../util/series'
import { ukDate } from '../../../shared/days'
import { openAgendasOf } from '../../../shared/panel-terms'
import {
  meetingDateProblem,
  type AgendaItem,
  type MeetingDetail,
  type MeetingSummary,
  type OtherMeeting,
  type PanelDecision,
  type QuorumRule
} from '../../../shared/contract/panel'
import type { Context } from '../context'
import { AppError, invalidInput, notFound } from '../errors'
import { auditChange, type AuditEntry } from '../store/audit'
import type { Db } from '../store/db'
import { claimVersion, conflictError, lastChangeOf } from '../store/versioned'
import { lastSaveOf } from './saves'
import { chairRole, councilQuorumRule, parseQuorumRule, quorumState } from './quorum'
import { actionSelect, defaultPapers, parsePapers, toAction, toDecision, type ActionRow, type AgendaRow, type DecisionRow, type MeetingRow } from './rows'
import { childNameSql } from '../children/name-sql'
import { withdrawnReferrals } from '../review/detail'

const summarySql = `
  SELECT m.*, (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS items,
         (SELECT COUNT(DISTINCT d.agenda_item_id) FROM decision d WHERE d.meeting_id = m.id AND d.superseded = 0) AS decided
  FROM panel_meeting m`

const toSummary = (r: MeetingRow & { items: number; decided: number }): MeetingSummary => ({
  id: r.id,
  date: r.meeting_date,
  startTime: r.start_time,
  place: r.place,
  online: r.online === 1,
  chair: r.chair,
  status: r.status,
  items: r.items,
  decided: r.decided,
  signedBy: r.signed_by,
  signedAt: r.signed_at
})

export async function listMeetings(db: Db): Promise<MeetingSummary[]> {
  return ((await db.prepare(`${summarySql} ORDER BY m.meeting_date DESC, m.id DESC`).all()) as (MeetingRow & { items: number; decided: number })[]).map(
    toSummary
  )
}

export async function meetingRow(db: Db, meetingId: number): Promise<MeetingRow> {
  const row = (await db.prepare('SELECT * FROM panel_meeting WHERE id = ?').get(meetingId)) as MeetingRow | undefined
  if (!row) throw notFound(`No panel meeting with ID ${meetingId}`)
  return row
}

/** The meeting's day has not come: its decisions and sign-off wait for it (decisions.ts), and the page says so. */
export const isUpcoming = (ctx: Context, meeting: Pick<MeetingRow, 'meeting_date'>): boolean => meeting.meeting_date > ctx.today()

/** Signed minutes are the record: nothing about a signed meeting changes except by amendment. */
export function assertNotSigned(meeting: MeetingRow, what: string): void {
  if (meeting.status === 'signed') {
    throw new AppError('locked', `The meeting of ${meeting.meeting_date} was signed off by ${meeting.signed_by ?? 'the chair'}; ${what} is no longer possible.`)
  }
}

export async function quorumOf(db: Db, meeting: MeetingRow): Promise<ReturnType<typeof quorumState>> {
  const members = (await db.prepare('SELECT role, attended FROM panel_member WHERE meeting_id = ?').all(meeting.id)) as { role: string; attended: number }[]
  return quorumState(
    members.map((m) => ({ role: m.role, attended: m.attended === 1 })),
    parseQuorumRule(meeting.quorum_rule)
  )
}

/**
 * The other meetings not yet signed off (`om`) with the child on their agenda (`oa`): a child
 * on two such agendas could be decided at both, so adding them asks first and the meeting
 * page says so beside them.
 */
const otherOpenAgendas = (childIdExpr: string, meetingIdExpr: string): string =>
  `FROM agenda_item oa JOIN panel_meeting om ON om.id = oa.meeting_id
   WHERE oa.child_id = ${childIdExpr} AND om.id <> ${meetingIdExpr} AND om.status <> 'signed'`

export async function getMeeting(ctx: Context, meetingId: number): Promise<MeetingDetail> {
  const db = ctx.db
  const row = (await db.prepare(`${summarySql} WHERE m.id = ?`).get(meetingId)) as (MeetingRow & { items: number; decided: number }) | undefined
  if (!row) throw notFound(`No panel meeting with ID ${meetingId}`)
  const members = (
    (await db.prepare('SELECT id, name, role, attended FROM panel_member WHERE meeting_id = ? ORDER BY id').all(meetingId)) as {
      id: number
      name: string
      role: string
      attended: number
    }[]
  ).map((m) => ({ ...m, attended: m.attended === 1 }))
  const rule = parseQuorumRule(row.quorum_rule)
  const actions = ((await db.prepare(`${actionSelect} WHERE a.meeting_id = ? ORDER BY a.id`).all(meetingId)) as ActionRow[]).map((a) =>
    toAction(a, ctx.today())
  )
  const decisions = ((await db.prepare('SELECT * FROM decision WHERE meeting_id = ? ORDER BY id').all(meetingId)) as DecisionRow[]).map((d) =>
    toDecision(
      d,
      actions.filter((a) => a.decisionId === d.id)
    )
  )
  // In the same read as the items, one array of {id, date} per child, so a long agenda costs no query per child.
  const otherMeetings = db.sql.jsonGroupArray(
    db.sql.jsonObject([
      ['id', 'om.id'],
      ['date', 'om.meeting_date']
    ]),
    'om.meeting_date, om.id'
  )
  const items = (await db
    .prepare(
      `SELECT a.*, ${childNameSql('c')} AS child_name, (SELECT ${otherMeetings} ${otherOpenAgendas('a.child_id', 'a.meeting_id')}) AS also_on
       FROM agenda_item a JOIN child c ON c.child_id = a.child_id WHERE a.meeting_id = ? ORDER BY a.position, a.id`
    )
    .all(meetingId)) as (AgendaRow & { child_name: string; also_on: string })[]
  const withdrawn = await withdrawnReferrals(db, meetingId)
  const agenda: AgendaItem[] = items.map((item) => {
    const mine = decisions.filter((d) => d.agendaItemId === item.id)
    const decision = mine.find((d) => !d.superseded) ?? null
    return {
      id: item.id,
      childId: item.child_id,
      // 903 returns carry no names: a child known only by ID is called by it on every page and letter.
      childName: item.child_name || item.child_id,
      position: item.position,
      slotTime: item.slot_time,
      socialWorker: item.social_worker,
      reason: item.reason,
      papers: parsePapers(item.papers),
      decision,
      superseded: mine.filter((d: PanelDecision) => d.superseded),
      referralWithdrawn: decision ? null : (withdrawn.get(item.child_id) ?? null),
      alsoOnAgendaOf: JSON.parse(item.also_on) as OtherMeeting[],
      version: item.version
    }
  })
  const lastSave = await lastSaveOf(db, row, (itemId) => agenda.find((i) => i.id === itemId)?.childName)
  return {
    ...toSummary(row),
    notes: row.notes,
    quorumRule: rule,
    quorum: quorumState(members, rule),
    members,
    agenda,
    lastSave,
    upcoming: isUpcoming(ctx, row),
    version: row.version
  }
}

export interface NewMeeting {
  date: string
  startTime?: string | null
  place?: string | null
  online?: boolean
  chair: string
  members?: { name: string; role: string }[]
  quorumRule?: QuorumRule
}

/** The contract's rule again, against the app's "today" (which tests and demos pin). */
function assertPlausibleDate(ctx: Context, date: string): void {
  const problem = meetingDateProblem(date, new Date(`${ctx.today()}T00:00:00Z`))
  if (problem) throw invalidInput(problem)
}

/** A new meeting under the council's quorum rule unless given one; the chair is its first member. */
export async function createMeeting(ctx: Context, input: NewMeeting): Promise<MeetingDetail> {
  assertPlausibleDate(ctx, input.date)
  const id = await ctx.db.transaction(async () => {
    const rule = input.quorumRule ?? (await councilQuorumRule(ctx))
    const info = await ctx.db
      .prepare('INSERT INTO panel_meeting (meeting_date, start_time, place, online, chair, quorum_rule) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
      .pluck()
      .get(input.date, input.startTime ?? null, input.place ?? null, input.online ? 1 : 0, input.chair, JSON.stringify(rule))
    const meetingId = Number(info)
    const member = ctx.db.prepare('INSERT INTO panel_member (meeting_id, name, role) VALUES (?, ?, ?)')
    await member.run(meetingId, input.chair, chairRole)
    for (const m of input.members ?? []) await member.run(meetingId, m.name, m.role)
    await auditChange(ctx, { action: 'panel.meeting.create', entity: 'panel_meeting', entityId: meetingId, after: input })
    return meetingId
  })()
  return await getMeeting(ctx, id)
}

/**
 * A change to a meeting that exists, as every panel command makes one: in one transaction,
 * claim the version the user loaded (when the call carries one), refuse if the meeting is
 * signed, make the change and audit it; then answer with the meeting as it now is.
 */
interface MeetingChange {
  meetingId: number
  /** What the user was doing, for the refusal of a signed meeting ("changing its agenda"). */
  doing: string
  /** The row whose version the user loaded; `conflict` says who changed it since. */
  claim?: { table: 'panel_meeting' | 'agenda_item'; id: number; expectedVersion: number | undefined; conflict: () => Promise<never> }
  /** The change itself, after the checks; returns what the audit log records. */
  apply: (meeting: MeetingRow) => Promise<Omit<AuditEntry, 'who' | 'at'>>
}

async function changeMeeting(ctx: Context, change: MeetingChange): Promise<MeetingDetail> {
  await ctx.db.transaction(async () => {
    const { claim } = change
    if (claim && !(await claimVersion(ctx.db, claim.table, claim.id, claim.expectedVersion))) await claim.conflict()
    const meeting = await meetingRow(ctx.db, change.meetingId)
    assertNotSigned(meeting, change.doing)
    await auditChange(ctx, await change.apply(meeting))
  })()
  return await getMeeting(ctx, change.meetingId)
}

export async function updateMeeting(
  ctx: Context,
  input: {
    meetingId: number
    date?: string
    startTime?: string | null
    place?: string | null
    online?: boolean
    notes?: string | null
    quorumRule?: QuorumRule
    expectedVersion?: number
  }
): Promise<MeetingDetail> {
  if (input.date !== undefined) assertPlausibleDate(ctx, input.date)
  return await changeMeeting(ctx, {
    meetingId: input.meetingId,
    doing: 'changing its details',
    claim: {
      table: 'panel_meeting',
      id: input.meetingId,
      expectedVersion: input.expectedVersion,
      conflict: async () => await throwMeetingConflict(ctx, input.meetingId)
    },
    apply: async (before) => {
      const after: MeetingRow = {
        ...before,
        meeting_date: input.date ?? before.meeting_date,
        start_time: input.startTime === undefined ? before.start_time : input.startTime,
        place: input.place === undefined ? before.place : input.place,
        online: input.online === undefined ? before.online : input.online ? 1 : 0,
        notes: input.notes === undefined ? before.notes : input.notes,
        quorum_rule: input.quorumRule ? JSON.stringify(input.quorumRule) : before.quorum_rule
      }
      if (after.meeting_date !== before.meeting_date && (await ctx.db.prepare('SELECT 1 FROM decision WHERE meeting_id = ? LIMIT 1').get(before.id))) {
        throw invalidInput('Decisions have been recorded at this meeting, so its date can no longer change.')
      }
      await ctx.db
        .prepare(
          'UPDATE panel_meeting SET meeting_date = @meeting_date, start_time = @start_time, place = @place, online = @online, notes = @notes, quorum_rule = @quorum_rule WHERE id = @id'
        )
        .run(after)
      return { action: 'panel.meeting.update', entity: 'panel_meeting', entityId: before.id, before, after }
    }
  })
}

/** The meeting moved on since the user loaded it: say who changed what, and show it as they left it. */
async function throwMeetingConflict(ctx: Context, meetingId: number): Promise<never> {
  const current = await getMeeting(ctx, meetingId)
  throw conflictError(
    `the meeting of ${ukDate(current.date)}`,
    await lastChangeOf(ctx.db, 'panel_meeting', meetingId, ['panel.meeting.update', 'panel.meeting.sign']),
    current
  )
}

type MemberRow = { id: number; meeting_id: number; name: string; role: string; attended: number }

const memberRow = async (db: Db, memberId: number): Promise<MemberRow> => {
  const row = (await db.prepare('SELECT * FROM panel_member WHERE id = ?').get(memberId)) as MemberRow | undefined
  if (!row) throw notFound(`No panel member with ID ${memberId}`)
  return row
}

export async function addMember(ctx: Context, input: { meetingId: number; name: string; role: string }): Promise<MeetingDetail> {
  return await changeMeeting(ctx, {
    meetingId: input.meetingId,
    doing: 'changing its members',
    apply: async () => {
      const memberId = await ctx.db
        .prepare('INSERT INTO panel_member (meeting_id, name, role) VALUES (?, ?, ?) RETURNING id')
        .pluck()
        .get(input.meetingId, input.name, input.role)
      return { action: 'panel.member.add', entity: 'panel_member', entityId: Number(memberId), after: input }
    }
  })
}

export async function removeMember(ctx: Context, memberId: number): Promise<MeetingDetail> {
  const member = await memberRow(ctx.db, memberId)
  return await changeMeeting(ctx, {
    meetingId: member.meeting_id,
    doing: 'changing its members',
    apply: async () => {
      const before = await memberRow(ctx.db, memberId)
      await ctx.db.prepare('DELETE FROM panel_member WHERE id = ?').run(memberId)
      return { action: 'panel.member.remove', entity: 'panel_member', entityId: memberId, before }
    }
  })
}

export async function setAttendance(ctx: Context, memberId: number, attended: boolean): Promise<MeetingDetail> {
  const member = await memberRow(ctx.db, memberId)
  return await changeMeeting(ctx, {
    meetingId: member.meeting_id,
    doing: 'changing attendance',
    apply: async () => {
      const before = await memberRow(ctx.db, memberId)
      await ctx.db.prepare('UPDATE panel_member SET attended = ? WHERE id = ?').run(attended ? 1 : 0, memberId)
      return { action: 'panel.member.attendance', entity: 'panel_member', entityId: memberId, before, after: { ...before, attended: attended ? 1 : 0 } }
    }
  })
}

export async function agendaRow(db: Db, itemId: number): Promise<AgendaRow> {
  const row = (await db.prepare('SELECT * FROM agenda_item WHERE id = ?').get(itemId)) as AgendaRow | undefined
  if (!row) throw notFound(`No agenda item with ID ${itemId}`)
  return row
}

/**
 * Adds a child to a meeting's agenda. A child on the agenda of another meeting not yet
 * signed off could be decided at both, so that is refused unless `confirm` is set (the
 * chair may mean it: a meeting that will not reach them, say); the error's
 * `details.confirm` says which meeting, in words for the chair.
 */
export async function addAgendaItem(
  ctx: Context,
  input: { meetingId: number; childId: string; reason?: string | null; confirm?: boolean }
): Promise<MeetingDetail> {
  return await changeMeeting(ctx, {
    meetingId: input.meetingId,
    doing: 'changing its agenda',
    apply: async () => {
      const name = (await ctx.db.prepare(`SELECT ${childNameSql()} FROM child WHERE child_id = ?`).pluck().get(input.childId)) as string | undefined
      if (name === undefined) throw notFound(`No child with ID ${input.childId}`)
      if (await ctx.db.prepare('SELECT 1 FROM agenda_item WHERE meeting_id = ? AND child_id = ?').get(input.meetingId, input.childId)) {
        throw new AppError('conflict', `${input.childId} is already on this meeting's agenda.`)
      }
      const elsewhere = (await ctx.db
        .prepare(`SELECT om.meeting_date ${otherOpenAgendas('?', '?')} ORDER BY om.meeting_date, om.id`)
        .pluck()
        .all(input.childId, input.meetingId)) as string[]
      if (elsewhere.length && !input.confirm) {
        const confirm = [
          `${name ? `${name} (${input.childId})` : input.childId} is already on ${openAgendasOf(elsewhere)}: added here too, they could be decided at both.`
        ]
        throw new AppError('conflict', `${input.childId} was not added. ${confirm[0]} Confirm to add them anyway.`, { confirm })
      }
      const position = (await ctx.db
        .prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?')
        .pluck()
        .get(input.meetingId)) as number
      const papers = JSON.stringify(defaultPapers())
      const info = await ctx.db
        .prepare('INSERT INTO agenda_item (meeting_id, child_id, position, reason, papers) VALUES (?, ?, ?, ?, ?) RETURNING id')
        .pluck()
        .get(input.meetingId, input.childId, position, input.reason ?? null, papers)
      return { action: 'panel.agenda.add', entity: 'agenda_item', entityId: Number(info), after: { ...input, position } }
    }
  })
}

export async function updateAgendaItem(
  ctx: Context,
  input: { itemId: number; slotTime?: string | null; socialWorker?: string | null; reason?: string | null; expectedVersion?: number }
): Promise<MeetingDetail> {
  const before = await agendaRow(ctx.db, input.itemId)
  const conflict = async (): Promise<never> => {
    const current = await getMeeting(ctx, before.meeting_id)
    const item = current.agenda.find((i) => i.id === input.itemId)
    throw conflictError(
      `${item?.childName ?? before.child_id}'s agenda item`,
      await lastChangeOf(ctx.db, 'agenda_item', input.itemId, ['panel.agenda.update']),
      item
    )
  }
  return await changeMeeting(ctx, {
    meetingId: before.meeting_id,
    doing: 'changing its agenda',
    claim: { table: 'agenda_item', id: input.itemId, expectedVersion: input.expectedVersion, conflict },
    apply: async () => {
      const after: AgendaRow = {
        ...before,
        slot_time: input.slotTime === undefined ? before.slot_time : input.slotTime,
        social_worker: input.socialWorker === undefined ? before.social_worker : input.socialWorker,
        reason: input.reason === undefined ? before.reason : input.reason
      }
      await ctx.db.prepare('UPDATE agenda_item SET slot_time = @slot_time, social_worker = @social_worker, reason = @reason WHERE id = @id').run(after)
      return { action: 'panel.agenda.update', entity: 'agenda_item', entityId: before.id, before, after }
    }
  })
}

/** Moves an item to `position` (1-based, clamped) and renumbers the rest 1…n. */
export async function moveAgendaItem(ctx: Context, itemId: number, position: number): Promise<MeetingDetail> {
  const item = await agendaRow(ctx.db, itemId)
  return await changeMeeting(ctx, {
    meetingId: item.meeting_id,
    doing: 'changing its agenda',
    apply: async () => {
      const ids = (
        (await ctx.db.prepare('SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position, id').pluck().all(item.meeting_id)) as number[]
      ).filter((i) => i !== itemId)
      ids.splice(Math.min(position, ids.length + 1) - 1, 0, itemId)
      const set = ctx.db.prepare('UPDATE agenda_item SET position = ? WHERE id = ?')
      await forEachSeries(ids, async (id, i) => await set.run(i + 1, id))
      return {
        action: 'panel.agenda.move',
        entity: 'agenda_item',
        entityId: itemId,
        before: { position: item.position },
        after: { position: ids.indexOf(itemId) + 1 }
      }
    }
  })
}

export async function removeAgendaItem(ctx: Context, itemId: number): Promise<MeetingDetail> {
  const item = await agendaRow(ctx.db, itemId)
  return await changeMeeting(ctx, {
    meetingId: item.meeting_id,
    doing: 'changing its agenda',
    apply: async () => {
      if (await ctx.db.prepare('SELECT 1 FROM decision WHERE agenda_item_id = ? LIMIT 1').get(itemId)) {
        throw new AppError('conflict', `A decision has been recorded for ${item.child_id}; the item stays on the agenda.`)
      }
      await ctx.db.prepare('DELETE FROM agenda_item WHERE id = ?').run(itemId)
      await ctx.db.prepare('UPDATE agenda_item SET position = position - 1 WHERE meeting_id = ? AND position > ?').run(item.meeting_id, item.position)
      return { action: 'panel.agenda.remove', entity: 'agenda_item', entityId: itemId, before: item }
    }
  })
}
