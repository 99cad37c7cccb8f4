import type { CallName } from '../../../shared/api'
import type { panelCalls } from '../../../shared/contract/panel'
import type { HandlerMap } from '../handler'
import { actionSummary, addAction, listActions, setActionDone } from './actions'
import { suggestAgenda } from './candidates'
import { amendDecision, recordDecision, signOffMeeting } from './decisions'
import {
  addAgendaItem,
  addMember,
  createMeeting,
  getMeeting,
  listMeetings,
  moveAgendaItem,
  removeAgendaItem,
  removeMember,
  setAttendance,
  updateAgendaItem,
  updateMeeting
} from './meetings'
import { exportDecisions, renderLetter, renderMinutes } from './outputs'
import { itemHistory } from './history'
import { attachPaper, readPaper, setPaper } from './papers'
import { councilQuorumRule, setCouncilQuorumRule } from './quorum'
import { getTemplate, saveTemplate } from './templates'
import { undoLastSave } from './undo'

export const panelHandlers: HandlerMap<keyof typeof panelCalls & CallName> = {
  listMeetings: async (ctx) => await listMeetings(ctx.db),
  getMeeting: async (ctx, input) => await getMeeting(ctx, input.meetingId),
  createMeeting: async (ctx, input) => await createMeeting(ctx, input),
  updateMeeting: async (ctx, input) => await updateMeeting(ctx, input),
  getQuorumDefault: async (ctx) => await councilQuorumRule(ctx),
  setQuorumDefault: async (ctx, input) => await setCouncilQuorumRule(ctx, input.rule),
  addMember: async (ctx, input) => await addMember(ctx, input),
  removeMember: async (ctx, input) => await removeMember(ctx, input.memberId),
  setAttendance: async (ctx, input) => await setAttendance(ctx, input.memberId, input.attended),
  suggestAgenda: async (ctx, input) => await suggestAgenda(ctx.db, input.date, input.limit),
  addAgendaItem: async (ctx, input) => await addAgendaItem(ctx, input),
  updateAgendaItem: async (ctx, input) => await updateAgendaItem(ctx, input),
  moveAgendaItem: async (ctx, input) => await moveAgendaItem(ctx, input.itemId, input.position),
  removeAgendaItem: async (ctx, input) => await removeAgendaItem(ctx, input.itemId),
  setPaper: async (ctx, input) => await setPaper(ctx, input),
  attachPaper: async (ctx, input) => await attachPaper(ctx, input),
  readPaper: async (ctx, input) => await readPaper(ctx, input),
  itemHistory: async (ctx, input) => await itemHistory(ctx, input.itemId),
  recordDecision: async (ctx, input) => await recordDecision(ctx, input),
  undoLastSave: async (ctx, input) => await undoLastSave(ctx, input.meetingId),
  signOffMeeting: async (ctx, input) => await signOffMeeting(ctx, input.meetingId),
  amendDecision: async (ctx, input) => await amendDecision(ctx, input),
  listActions: async (ctx, input) => await listActions(ctx, input),
  actionSummary: async (ctx, input) => await actionSummary(ctx, input.soonDays),
  addAction: async (ctx, input) => await addAction(ctx, input),
  setActionDone: async (ctx, input) => await setActionDone(ctx, input.actionId, input.done),
  getTemplate: async (ctx, input) => await getTemplate(ctx, input.kind),
  saveTemplate: async (ctx, input) => await saveTemplate(ctx, input.kind, input.html),
  renderMinutes: async (ctx, input) => await renderMinutes(ctx, input.meetingId),
  renderLetter: async (ctx, input) => await renderLetter(ctx, input.meetingId, input.childId),
  exportDecisions: async (ctx, input) => await exportDecisions(ctx, input.meetingId)
}
