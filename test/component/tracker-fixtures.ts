import type { AppInfo, TrackerGridRow } from '../../src/shared/api'

/** A chair's desk on 31/03/2020 with the demo data, as the tracker pages' tests see it. */
export const chairInfo: AppInfo = {
  version: '0.1.0',
  schemaVersion: 3,
  dbPath: '/tmp/x.db',
  user: 'chair',
  shell: 'electron',
  demo: true,
  today: '2020-03-31',
  counts: { children: 3, episodes: 3, panelMeeting: 0, decision: 1 }
}

/** One tracker row: a child on a full care order with foster carers since 2019, changed as `overrides` say. */
export const trackerRow = (childId: string, overrides: Partial<TrackerGridRow> = {}): TrackerGridRow => ({
  childId,
  name: `Child ${childId}`,
  dob: '2010-01-01',
  age: 10,
  ls: 'C2',
  legalStatusGroup: 'FCO',
  legalStatusSince: '2019-01-01',
  placement: 'U4',
  placementProvider: 'PR1',
  carer: 'A carer',
  carersSince: '2019-01-01',
  carersChangedSinceDecision: false,
  periodStart: '2019-01-01',
  placementStart: '2019-01-01',
  placementsLast12Months: 1,
  status: 'none',
  decisionDate: null,
  lastPanelDate: null,
  lastOversightDate: null,
  nextAction: null,
  nextActionDue: null,
  episodeId: 1,
  drift: [],
  flags: [],
  carePlan: null,
  carePlanConfirmed: null,
  dischargeStatus: null,
  oversightReviewDue: null,
  ...overrides
})
