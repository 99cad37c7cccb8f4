import type { PanelDecision } from '../../src/shared/api'

/** A recorded panel decision as the API returns it: agreed, unlocked, no actions, unless `over` says otherwise. */
export const panelDecision = (over: Partial<PanelDecision> = {}): PanelDecision => ({
  id: 9,
  childId: 'C1',
  meetingId: 1,
  agendaItemId: 2,
  decisionDate: '2020-04-15',
  outcome: 'agreed',
  returnDate: null,
  reasons: 'Settled',
  conditions: null,
  support: null,
  dissent: null,
  quorate: true,
  locked: false,
  superseded: false,
  amendsId: null,
  amendmentReason: null,
  recordedBy: 'chair',
  recordedAt: '2020-04-15T10:00:00Z',
  actions: [],
  version: 1,
  ...over
})
