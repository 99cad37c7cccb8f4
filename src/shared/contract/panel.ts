import { decisionAboutInput } from './carers'
import { z } from 'zod'
import { childId, command, isoDate, query } from './define'
import type { WithdrawnReferral } from './review'

export const decisionOutcomes = ['agreed', 'not_agreed', 'deferred', 'oversight'] as const
export type DecisionOutcome = (typeof decisionOutcomes)[number]
export const outcomeLabels: Record<DecisionOutcome, string> = {
  agreed: 'Agreed',
  not_agreed: 'Not agreed',
  deferred: 'Deferred',
  oversight: 'Management oversight'
}

/** Papers a panel expects per child; the chair may track others by name. */
export const standardPapers = ['Child permanence report', 'Carer assessment', 'Support plan', "Child's views"] as const

export interface QuorumRule {
  /** Members present, the chair included. */
  minMembers: number
  requireChair: boolean
  /** Roles that must each have at least one member present (e.g. "fostering"). */
  requireRoles: string[]
}

export interface QuorumState {
  quorate: boolean
  present: number
  /** What is missing, in words, when not quorate. */
  shortfalls: string[]
}

export interface PanelMember {
  id: number
  name: string
  role: string
  attended: boolean
}

export interface PaperFile {
  name: string
  sha256: string
  size: number
  addedBy: string
  addedAt: string
}

export interface Paper {
  kind: string
  received: boolean
  file: PaperFile | null
}

export type ActionStatus = 'open' | 'done' | 'overdue'
export const actionStatusLabels: Record<ActionStatus, string> = { overdue: 'Overdue', open: 'Not yet due', done: 'Done' }

export interface PanelAction {
  id: number
  childId: string | null
  childName: string | null
  decisionId: number | null
  meetingId: number | null
  meetingDate: string | null
  description: string
  owner: string
  dueDate: string | null
  doneAt: string | null
  status: ActionStatus
}

export interface PanelDecision {
  id: number
  childId: string
  meetingId: number | null
  agendaItemId: number | null
  decisionDate: string
  outcome: DecisionOutcome
  /** Deferred: the date it returns to panel. Oversight: the date of the management review. */
  returnDate: string | null
  reasons: string | null
  conditions: string | null
  support: string | null
  dissent: string | null
  /** Whether the meeting was quorate when the decision was recorded (null for imported ones). */
  quorate: boolean | null
  locked: boolean
  superseded: boolean
  amendsId: number | null
  amendmentReason: string | null
  recordedBy: string
  recordedAt: string
  actions: PanelAction[]
  /** The row's edit version: send it back as `expectedVersion` so a save never overwrites someone else's. */
  version: number
}

export interface AgendaItem {
  id: number
  childId: string
  childName: string
  position: number
  slotTime: string | null
  socialWorker: string | null
  reason: string | null
  papers: Paper[]
  /** The row's edit version: send it back as `expectedVersion` so a save never overwrites someone else's. */
  version: number
  /** The current decision (an amendment replaces the row it corrects). */
  decision: PanelDecision | null
  /** Earlier versions this item's decision replaced by amendment, oldest first. */
  superseded: PanelDecision[]
  /**
   * While the item has no decision: the Head of Service review's referral of this child,
   * corrected to another outcome since, so the chair can see the child may not need to come.
   */
  referralWithdrawn: WithdrawnReferral | null
  /**
   * The other meetings not yet signed off with this child on their agenda, earliest first:
   * the child could be decided at each of them as well as here.
   */
  alsoOnAgendaOf: OtherMeeting[]
}

/** Another meeting, named by its date, that a page can link to. */
export interface OtherMeeting {
  id: number
  date: string
}

export type MeetingStatus = 'planned' | 'held' | 'signed'

export interface MeetingSummary {
  id: number
  date: string
  startTime: string | null
  place: string | null
  online: boolean
  chair: string
  status: MeetingStatus
  items: number
  decided: number
  signedBy: string | null
  signedAt: string | null
}

/** The decision save that "Undo last save" would take back (only until sign-off). */
export interface LastSave {
  itemId: number
  childName: string
  /** The outcome that save recorded. */
  outcome: DecisionOutcome
  /** True when the save recorded the item's first decision: undoing it leaves the child undecided. */
  created: boolean
  savedBy: string
  savedAt: string
}

export interface MeetingDetail extends MeetingSummary {
  notes: string | null
  quorumRule: QuorumRule
  quorum: QuorumState
  members: PanelMember[]
  agenda: AgendaItem[]
  lastSave: LastSave | null
  /** The meeting's day has not come: its decisions are recorded, and its minutes signed off, from that day on (the core refuses before). */
  upcoming: boolean
  /** The row's edit version: send it back as `expectedVersion` so a save never overwrites someone else's. */
  version: number
}

export type SuggestionReasonCode =
  'plan_confirmed' | 'deferred_due' | 'hos_referral' | 'carers_changed' | 'oversight_overdue' | 'fco_no_decision' | 'long_stable'

export interface SuggestionReason {
  code: SuggestionReasonCode
  text: string
  /** The date the reason dates from (deferral's return date, referral, review date, order or placement start). */
  since: string | null
}

export interface AgendaSuggestion {
  childId: string
  name: string
  legalStatus: string | null
  reasons: SuggestionReason[]
}

export interface HistoryEntry {
  at: string
  who: string
  action: string
  /** The fields that changed, as they were and became (for a new record, just what it became). */
  changes: { field: string; before: string | null; after: string | null }[]
}

export interface ActionSummary {
  open: number
  overdue: number
  dueSoon: number
  byOwner: { owner: string; open: number; overdue: number }[]
}

export type TemplateKind = 'minutes' | 'letter'

export interface PanelTemplate {
  kind: TemplateKind
  html: string
  /** False while the built-in template is in use. */
  customised: boolean
  placeholders: { name: string; meaning: string }[]
}

export interface PrintableDocument {
  title: string
  html: string
  /** Not signed off yet: printed with DRAFT on every page, whatever the template says. */
  draft: boolean
}

export interface FileDownload {
  fileName: string
  contentBase64: string
  sha256: string
}

const text = (max: number) => z.string().trim().max(max, `Keep this to ${max} characters or fewer`)
const optionalText = (max: number) => text(max).nullable().optional()
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a 24-hour time such as 09:30')
const id = z.number().int().positive()
const name = (what: string) => text(120).min(1, `Enter ${what}`)
/**
 * The version of the row the user loaded (0: there was no decision yet). Optional for the
 * CLI and older callers; the screens always send it, so a stale save is refused as a conflict.
 */
export const expectedVersion = z.number().int().min(0).optional()

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/**
 * Panel meetings are dated from 2000 (no council minutes this app holds are older) to two
 * years ahead: anything else is a typing slip, like 1900 for 2020.
 */
export function meetingDateRange(today: Date = new Date()): { from: string; to: string } {
  const to = new Date(Date.UTC(today.getUTCFullYear() + 2, today.getUTCMonth(), today.getUTCDate()))
  return { from: '2000-01-01', to: to.toISOString().slice(0, 10) }
}

/** Why a meeting date is implausible, in words a chair can act on; null when it is fine. */
export function meetingDateProblem(date: string, today?: Date): string | null {
  const { from, to } = meetingDateRange(today)
  if (date < from) return `A panel meeting can't be dated before ${ukDate(from)}; check the year (${ukDate(date)} was typed).`
  if (date > to) return `A panel meeting can be planned up to two years ahead, to ${ukDate(to)}; check the year (${ukDate(date)} was typed).`
  return null
}

export const meetingDate = z
  .string({ error: 'Enter the date of the meeting' })
  .min(1, 'Enter the date of the meeting')
  .refine((s) => isoDate.safeParse(s).success, { message: 'Enter a real date, as DD/MM/YYYY', abort: true })
  .superRefine((s, ctx) => {
    const problem = meetingDateProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const quorumRule = z.strictObject({
  minMembers: z.number().int().min(1).max(30),
  requireChair: z.boolean(),
  requireRoles: z.array(text(60).min(1)).max(10)
})

const memberInput = z.strictObject({ name: name("the member's name"), role: text(60).min(1, "Enter the member's role, such as fostering") })

const actionInput = z.strictObject({
  description: text(500).min(1, 'Describe the action'),
  owner: name('who will do the action'),
  dueDate: isoDate.nullable().optional()
})

const decisionFields = {
  outcome: z.enum(decisionOutcomes),
  returnDate: isoDate.nullable().optional(),
  reasons: text(5000).min(1, "give the panel's reasons"),
  conditions: optionalText(5000),
  support: optionalText(5000),
  dissent: optionalText(5000),
  /** The carers and placement the decision is about; omitted: the current ones on the meeting date. */
  carers: decisionAboutInput.optional()
}

/** Attached papers are capped: panel papers are documents, not recordings. */
export const maxPaperBytes = 20 * 1024 * 1024

export const panelCalls = {
  listMeetings: query<MeetingSummary[]>()(z.strictObject({})),
  getMeeting: query<MeetingDetail>()(z.strictObject({ meetingId: id })),
  createMeeting: command<MeetingDetail>()(
    z.strictObject({
      date: meetingDate,
      startTime: time.nullable().optional(),
      place: optionalText(200),
      online: z.boolean().optional(),
      chair: name("the chair's name"),
      members: z.array(memberInput).max(30).optional(),
      quorumRule: quorumRule.optional()
    })
  ),
  updateMeeting: command<MeetingDetail>()(
    z.strictObject({
      meetingId: id,
      date: meetingDate.optional(),
      startTime: time.nullable().optional(),
      place: optionalText(200),
      online: z.boolean().optional(),
      notes: optionalText(5000),
      quorumRule: quorumRule.optional(),
      expectedVersion
    })
  ),
  getQuorumDefault: query<QuorumRule>()(z.strictObject({})),
  setQuorumDefault: command<QuorumRule>()(z.strictObject({ rule: quorumRule })),
  addMember: command<MeetingDetail>()(z.strictObject({ meetingId: id, ...memberInput.shape })),
  removeMember: command<MeetingDetail>()(z.strictObject({ memberId: id })),
  setAttendance: command<MeetingDetail>()(z.strictObject({ memberId: id, attended: z.boolean() })),

  suggestAgenda: query<AgendaSuggestion[]>()(z.strictObject({ date: isoDate, limit: z.number().int().min(1).max(500).optional() })),
  addAgendaItem: command<MeetingDetail>()(
    z.strictObject({
      meetingId: id,
      childId,
      reason: optionalText(500),
      /** Add even though the child is on the agenda of another meeting not yet signed off (the error's `details.confirm` says which). */
      confirm: z.boolean().optional()
    })
  ),
  updateAgendaItem: command<MeetingDetail>()(
    z.strictObject({ itemId: id, slotTime: time.nullable().optional(), socialWorker: optionalText(120), reason: optionalText(500), expectedVersion })
  ),
  moveAgendaItem: command<MeetingDetail>()(z.strictObject({ itemId: id, position: z.number().int().min(1) })),
  removeAgendaItem: command<MeetingDetail>()(z.strictObject({ itemId: id })),
  setPaper: command<MeetingDetail>()(z.strictObject({ itemId: id, kind: text(80).min(1), received: z.boolean() })),
  attachPaper: command<MeetingDetail>()(
    z.strictObject({
      itemId: id,
      kind: text(80).min(1),
      fileName: text(200).min(1),
      // base64 is 4/3 of the bytes; the exact byte limit is checked after decoding.
      contentBase64: z.string().max(Math.ceil((maxPaperBytes * 4) / 3) + 4)
    })
  ),
  readPaper: query<FileDownload>()(z.strictObject({ itemId: id, kind: text(80).min(1) })),

  itemHistory: query<HistoryEntry[]>()(z.strictObject({ itemId: id })),
  recordDecision: command<MeetingDetail>()(
    z.strictObject({ itemId: id, ...decisionFields, actions: z.array(actionInput).max(20).optional(), expectedVersion })
  ),
  /** Takes back the meeting's last decision save (its outcome, text and actions) until sign-off. */
  undoLastSave: command<MeetingDetail>()(z.strictObject({ meetingId: id })),
  signOffMeeting: command<MeetingDetail>()(z.strictObject({ meetingId: id })),
  amendDecision: command<MeetingDetail>()(
    z.strictObject({ decisionId: id, amendmentReason: text(2000).min(1, 'say why the signed decision is being corrected'), ...decisionFields })
  ),

  listActions: query<PanelAction[]>()(z.strictObject({ status: z.enum(['open', 'done', 'overdue', 'all']).optional(), owner: optionalText(120) })),
  actionSummary: query<ActionSummary>()(z.strictObject({ soonDays: z.number().int().min(0).max(90).optional() })),
  addAction: command<PanelAction>()(z.strictObject({ decisionId: id, ...actionInput.shape })),
  setActionDone: command<PanelAction>()(z.strictObject({ actionId: id, done: z.boolean() })),

  getTemplate: query<PanelTemplate>()(z.strictObject({ kind: z.enum(['minutes', 'letter']) })),
  saveTemplate: command<PanelTemplate>()(z.strictObject({ kind: z.enum(['minutes', 'letter']), html: z.string().max(200_000).nullable() })),
  renderMinutes: query<PrintableDocument>()(z.strictObject({ meetingId: id })),
  renderLetter: query<PrintableDocument>()(z.strictObject({ meetingId: id, childId })),
  exportDecisions: query<FileDownload>()(z.strictObject({ meetingId: id }))
}
