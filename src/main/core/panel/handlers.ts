import type { CallName } from '../../../shared/api'
import type { panelCalls } from '../../../shared/contract/panel'
import type { HandlerMap } from '../handler'
import { actionSummary, addAction, listActions, setActionDone } from './actions'
import { suggestAgenda } from './candidates'
import { amendDecision, recordDecision, signOffMeeting } from './decisions'
import {
  addAgendaItem, addMember, createMeeting, getMeeting, listMeetings, moveAgendaItem, removeAgendaItem, removeMember, setAttendance, updateAgendaItem, updateMeeting
} from './meetings'
import { exportDecisions, renderLetter, renderMinutes } from './outputs'
import { itemHistory } from './history'
import { attachPaper, readPaper, setPaper } from './papers'
import { councilQuorumRule, setCouncilQuorumRule } from './quorum'
import { getTemplate, saveTemplate } from './templates'
import { undoLastSave } from './undo'

export const panelHandlers: HandlerMap<keyof typeof panelCalls & CallName> = {
  listMeetings: (ctx) => listMeetings(ctx.db),
  getMeeting: (ctx, input) => getMeeting(ctx, input.meetingId),
  createMeeting: (ctx, input) => createMeeting(ctx, input),
  updateMeeting: (ctx, input) => updateMeeting(ctx, input),
  getQuorumDefault: (ctx) => councilQuorumRule(ctx),
  setQuorumDefault: (ctx, input) => setCouncilQuorumRule(ctx, input.rule),
  addMember: (ctx, input) => addMember(ctx, input),
  removeMember: (ctx, input) => removeMember(ctx, input.memberId),
  setAttendance: (ctx, input) => setAttendance(ctx, input.memberId, input.attended),
  suggestAgenda: (ctx, input) => suggestAgenda(ctx.db, input.date, input.limit),
  addAgendaItem: (ctx, input) => addAgendaItem(ctx, input),
  updateAgendaItem: (ctx, input) => updateAgendaItem(ctx, input),
  moveAgendaItem: (ctx, input) => moveAgendaItem(ctx, input.itemId, input.position),
  removeAgendaItem: (ctx, input) => removeAgendaItem(ctx, input.itemId),
  setPaper: (ctx, input) => setPaper(ctx, input),
  attachPaper: (ctx, input) => attachPaper(ctx, input),
  readPaper: (ctx, input) => readPaper(ctx, input),
  itemHistory: (ctx, input) => itemHistory(ctx, input.itemId),
  recordDecision: (ctx, input) => recordDecision(ctx, input),
  undoLastSave: (ctx, input) => undoLastSave(ctx, input.meetingId),
  signOffMeeting: (ctx, input) => signOffMeeting(ctx, input.meetingId),
  amendDecision: (ctx, input) => amendDecision(ctx, input),
  listActions: (ctx, input) => listActions(ctx, input),
  actionSummary: (ctx, input) => actionSummary(ctx, input.soonDays),
  addAction: (ctx, input) => addAction(ctx, input),
  setActionDone: (ctx, input) => setActionDone(ctx, input.actionId, input.done),
  getTemplate: (ctx, input) => getTemplate(ctx, input.kind),
  saveTemplate: (ctx, input) => saveTemplate(ctx, input.kind, input.html),
  renderMinutes: (ctx, input) => renderMinutes(ctx, input.meetingId),
  renderLetter: (ctx, input) => renderLetter(ctx, input.meetingId, input.childId),
  exportDecisions: (ctx, input) => exportDecisions(ctx, input.meetingId)
}
