import { upnCheckLetter } from '../io/ssda903/upn'
import { dayNumber, isoFromDay } from '../util/days'
import { fictionalFamilyName, fictionalGivenName, fictionalPerson } from './names'
import { seededRandom, type Random } from './random'
import { must } from '../../../shared/must'

// Fictional (LA number 000 belongs to no council) but with a correct DfE check letter,
// so the demo's own 903 export re-imports without warnings.
const upnOf = (body: string): string => `${upnCheckLetter(body)!}${body}`

/**
 * A synthetic cohort shaped like a council's 31 March 2020 looked-after profile:
 * about 657 looked after on `asOf` with the report's legal-status, sex and placement
 * mix, years of episode history, re-entries, ceased children (incl. Staying Put),
 * carers, a monthly Permanence Panel and its decisions, oversight entries and actions.
 * Deterministic for a given (seed, asOf, lookedAfter). Every name is made up.
 */
export interface DemoOptions {
  asOf: string
  seed?: number
  /** Children looked after on `asOf`; the ceased cohort scales with it. */
  lookedAfter?: number
  /** Extra placement moves per period on top of the realistic mix (for large benchmarks). */
  extraMoves?: number
  /** Leave out panel meetings, decisions, oversight and actions. */
  childrenOnly?: boolean
}

export interface ChildRecord {
  child_id: string
  sex: 1 | 2
  dob: string
  ethnic: string
  upn: string
  mother: number | null
  mc_dob: string | null
  given_name: string
  family_name: string
}
export interface CarerRecord {
  id: number
  name: string
  kind: 'inhouse' | 'kinship' | 'ifa' | 'residential' | 'parent' | 'other'
  provider: string | null
  approved_date: string | null
  urn: string | null
  address: string | null
}
/** A carer linked to the placement (the child's time with the same carers) starting on `placement_start`. */
export interface PlacementCarerRecord {
  child_id: string
  placement_start: string
  carer_id: number
}
export interface CarePlanRecord {
  child_id: string
  plan: string
  confirmed_date: string | null
  family_finding: string
  note: string | null
}
export interface DischargeRecord {
  child_id: string
  status: 'planned' | 'applied' | 'granted' | 'refused'
  planned_date: string
  applied_date: string | null
  decided_date: string | null
}
export interface EpisodeRecord {
  child_id: string
  decom: string
  rne: string
  ls: string
  cin: string
  place: string
  place_provider: string
  dec: string | null
  rec: string | null
  reason_place_change: string | null
  home_post: string
  pl_post: string
  urn: string | null
  carer_id: number | null
  seq: number
}
export interface MeetingRecord {
  id: number
  meeting_date: string
  start_time: string
  place: string
  chair: string
  members: { name: string; role: string }[]
}
export interface AgendaRecord {
  id: number
  meeting_id: number
  child_id: string
  position: number
  slot_time: string
  social_worker: string
  reason: string
}
export interface DecisionRecord {
  id: number
  child_id: string
  meeting_id: number
  agenda_item_id: number
  decision_date: string
  outcome: 'agreed' | 'not_agreed' | 'deferred'
  return_date: string | null
  reasons: string
  conditions: string | null
  support: string | null
  /** The carers the decision is about, and the start of their placement. */
  carer_ids: number[]
  placement_start: string
}
export interface OversightRecord {
  child_id: string
  entry_date: string
  manager: string
  note: string
  next_review_date: string
}
export interface ActionRecord {
  child_id: string
  decision_id: number
  meeting_id: number
  description: string
  owner: string
  due_date: string
  done_at: string | null
}

export interface DemoData {
  asOf: string
  lookedAfter: number
  children: ChildRecord[]
  carers: CarerRecord[]
  placementCarers: PlacementCarerRecord[]
  carePlans: CarePlanRecord[]
  discharges: DischargeRecord[]
  episodes: EpisodeRecord[]
  meetings: MeetingRecord[]
  agenda: AgendaRecord[]
  decisions: DecisionRecord[]
  oversight: OversightRecord[]
  actions: ActionRecord[]
}

type PlacementKind = 'kinship' | 'inhouse' | 'ifa' | 'residential' | 'parents' | 'semi' | 'adoption' | 'other'

// Legal-status mix at 31 March 2020: 373 FCO, 91 ICO, 144 s20, the rest PO / remand / other.
const legalStatusMix = [
  ['C2', 373],
  ['C1', 91],
  ['V2', 144],
  ['E1', 38],
  ['D1', 2],
  ['J1', 3],
  ['L2', 3],
  ['J2', 3]
] as const
// Placement mix: 71% fostered (21% kinship, 188 IFA), 56 residential, 41 placed with parents.
const placementMix: readonly (readonly [PlacementKind, number])[] = [
  ['kinship', 138],
  ['inhouse', 140],
  ['ifa', 188],
  ['residential', 56],
  ['parents', 41],
  ['semi', 45],
  ['adoption', 25],
  ['other', 24]
]
const needMix = [
  ['N1', 60],
  ['N2', 3],
  ['N3', 4],
  ['N4', 8],
  ['N5', 15],
  ['N6', 2],
  ['N7', 1],
  ['N8', 7]
] as const
const ethnicMix = [
  ['WBRI', 70],
  ['WOTH', 5],
  ['MWBC', 5],
  ['MOTH', 4],
  ['AOTH', 3],
  ['BAFR', 4],
  ['BCRB', 2],
  ['OOTH', 4],
  ['WIRT', 1],
  ['REFU', 2]
] as const
const moveReasons = ['CARPL', 'CHILD', 'LAREQ', 'PLACE', 'CLOSE', 'STAND', 'OTHER'] as const
const ceaseReasons = [
  ['E4A', 30],
  ['E4B', 6],
  ['E11', 8],
  ['E12', 4],
  ['E41', 4],
  ['E45', 4],
  ['E46', 3],
  ['E47', 3],
  ['E48', 2],
  ['E13', 5],
  ['E3', 3],
  ['E8', 5],
  ['E14', 2]
] as const

const agePlan: Record<string, readonly (readonly [[number, number], number])[]> = {
  C1: [
    [[0, 0], 20],
    [[1, 4], 30],
    [[5, 9], 25],
    [[10, 15], 20],
    [[16, 17], 5]
  ],
  C2: [
    [[1, 4], 15],
    [[5, 9], 25],
    [[10, 15], 40],
    [[16, 17], 20]
  ],
  V2: [
    [[0, 4], 10],
    [[5, 9], 8],
    [[10, 15], 30],
    [[16, 17], 52]
  ],
  E1: [
    [[0, 0], 30],
    [[1, 4], 70]
  ],
  D1: [[[1, 4], 1]],
  J1: [[[15, 17], 1]],
  J2: [[[14, 17], 1]],
  L2: [[[0, 17], 1]]
}

// How long the current period of care has lasted on asOf, in days, by legal status.
const periodLength = (r: Random, ls: string, ageDays: number): number => {
  const cap = (d: number): number => Math.max(1, Math.min(d, ageDays - 1))
  switch (ls) {
    case 'C1':
      return cap(r.int(20, 460))
    case 'C2':
      return cap(r.int(240, 12 * 365))
    case 'V2':
      return cap(r.chance(0.7) ? r.int(7, 400) : r.int(400, 4 * 365))
    case 'E1':
    case 'D1':
      return cap(r.int(200, 900))
    case 'J1':
    case 'J2':
      return cap(r.int(3, 90))
    default:
      return cap(r.int(1, 10))
  }
}

/** What the steps of one generation share: the seeded draws, the options and the data so far. */
interface Cohort {
  r: Random
  options: DemoOptions
  /** `asOf` as a day number. */
  today: number
  data: DemoData
  /** Episodes written so far (each episode's `seq`). */
  seq: number
  /** Carers children are placed with (kinship carers and parents are created per child). */
  pools: { inhouse: number[]; ifa: number[]; homes: number[] }
}

const childId = (n: number): string => `DEMO${String(n).padStart(6, '0')}`
const postcode = (r: Random): string => `ZZ99 ${r.int(1, 9)}${r.pick(['AB', 'CD', 'EF', 'GH', 'JK'])}`
const earlierMix: readonly (readonly [PlacementKind, number])[] = [
  ['inhouse', 40],
  ['ifa', 25],
  ['kinship', 15],
  ['residential', 8],
  ['other', 12]
]

export function generateDemo(options: DemoOptions): DemoData {
  const target = options.lookedAfter ?? 657
  const cohort: Cohort = {
    r: seededRandom(options.seed ?? 2020),
    options,
    today: dayNumber(options.asOf),
    data: {
      asOf: options.asOf,
      lookedAfter: target,
      children: [],
      carers: [],
      placementCarers: [],
      carePlans: [],
      discharges: [],
      episodes: [],
      meetings: [],
      agenda: [],
      decisions: [],
      oversight: [],
      actions: []
    },
    seq: 0,
    pools: { inhouse: [], ifa: [], homes: [] }
  }
  fillCarerPools(cohort, target / 657)
  const current = lookedAfterChildren(cohort, target)
  ceasedChildren(cohort, target)
  if (!options.childrenOnly) {
    panelHistory(cohort.r, cohort.data, current, cohort.today)
    carePlans(cohort.r, cohort.data, current, cohort.today)
  }
  return cohort.data
}

function newCarer(g: Cohort, kind: CarerRecord['kind'], name: string, provider: string | null): number {
  const { r } = g
  const carer: CarerRecord = {
    id: g.data.carers.length + 1,
    name,
    kind,
    provider,
    approved_date: kind === 'parent' ? null : isoFromDay(g.today - r.int(60, 6000)),
    urn: kind === 'residential' ? `SC${r.int(100000, 999999)}` : null,
    address: `${r.int(1, 200)} ${fictionalFamilyName(r)} Road (fictional), ${postcode(r)}`
  }
  g.data.carers.push(carer)
  return carer.id
}

function fillCarerPools(g: Cohort, scale: number): void {
  const { r } = g
  const pool = (kind: CarerRecord['kind'], n: number, name: () => string, provider: () => string | null): number[] =>
    Array.from({ length: Math.max(1, Math.round(n)) }, () => newCarer(g, kind, name(), provider()))
  g.pools.inhouse = pool(
    'inhouse',
    180 * scale,
    () => fictionalPerson(r),
    () => 'Council fostering service'
  )
  g.pools.ifa = pool(
    'ifa',
    150 * scale,
    () => fictionalPerson(r),
    () => `${r.pick(['Moonbeam', 'Starling', 'Teacup', 'Lighthouse'])} Fostering Agency (fictional)`
  )
  g.pools.homes = pool(
    'residential',
    25 * scale,
    () => `${fictionalFamilyName(r)} House (fictional children's home)`,
    () => r.pick(['Gumdrop Care Ltd (fictional)', 'Hilltop Homes Ltd (fictional)'])
  )
}

type PlacementCodes = { place: string; provider: string; carer: number | null; urn: string | null }

function placementCodes(g: Cohort, kind: PlacementKind, surname: string): PlacementCodes {
  const { r, pools } = g
  switch (kind) {
    case 'kinship':
      return {
        place: r.pick(['U1', 'U2', 'U3']),
        provider: 'PR1',
        carer: newCarer(g, 'kinship', `${fictionalGivenName(r)} ${surname}`, null),
        urn: null
      }
    case 'inhouse':
      return { place: r.pick(['U4', 'U4', 'U6', 'U5']), provider: 'PR1', carer: r.pick(pools.inhouse), urn: null }
    case 'ifa':
      return { place: r.pick(['U4', 'U6', 'U6']), provider: r.chance(0.8) ? 'PR4' : 'PR5', carer: r.pick(pools.ifa), urn: null }
    case 'residential':
      return { place: r.pick(['K2', 'K2', 'R1']), provider: r.chance(0.85) ? 'PR4' : 'PR1', carer: r.pick(pools.homes), urn: `SC${r.int(100000, 999999)}` }
    case 'parents':
      return { place: 'P1', provider: 'PR0', carer: newCarer(g, 'parent', `${fictionalGivenName(r)} ${surname}`, null), urn: null }
    case 'semi':
      return { place: r.pick(['H5', 'P2']), provider: r.chance(0.7) ? 'PR4' : 'PR1', carer: null, urn: null }
    case 'adoption':
      return { place: r.pick(['A3', 'A4', 'A5', 'A6']), provider: 'PR1', carer: null, urn: null }
    default:
      return { place: r.pick(['R3', 'S1', 'Z1', 'R2']), provider: r.pick(['PR1', 'PR3', 'PR4']), carer: null, urn: null }
  }
}

const allowed = (kind: PlacementKind, ls: string, age: number): boolean =>
  (kind !== 'parents' || ls === 'C1' || ls === 'C2') &&
  (kind !== 'semi' || age >= 16) &&
  (kind !== 'adoption' || ls === 'E1' || ls === 'D1') &&
  (kind !== 'residential' || age >= 8)

function pickPlacement(r: Random, ls: string, age: number, mix: readonly (readonly [PlacementKind, number])[]): PlacementKind {
  // The mix is over the whole cohort; these groups are too small for it to reach them.
  if (mix === placementMix && (ls === 'E1' || ls === 'D1') && r.chance(0.6)) return 'adoption'
  if (mix === placementMix && age >= 16 && r.chance(0.25)) return 'semi'
  // The 41 placed with parents are all on care orders, a smaller group than the mix is over.
  if (mix === placementMix && (ls === 'C1' || ls === 'C2') && r.chance(0.03)) return 'parents'
  for (;;) {
    const kind = r.weighted(mix)
    if (allowed(kind, ls, age)) return kind
  }
}

/** Placements with new carers begun in a period: their first DECOM and carer. */
type PeriodPlacement = { start: number; carer: number | null }
type PeriodChange = { day: number; kind: 'move' | 'legal' }

/** The days a period's episodes change within it: placement moves, and at most one change of legal status. */
function periodChanges(g: Cohort, start: number, length: number, firstLs: string, finalLs: string): { changes: PeriodChange[]; legalChange: number | null } {
  const { r, options } = g
  const legalChange = firstLs !== finalLs && length > 60 ? start + Math.round(length * (0.15 + r.next() * 0.3)) : null
  const maxMoves = Math.min(Math.floor(length / (options.extraMoves ? 15 : 45)), 6 + (options.extraMoves ?? 0))
  const moves = Math.min(
    maxMoves,
    r.weighted([
      [0, 45],
      [1, 30],
      [2, 15],
      [3, 7],
      [4, 3]
    ] as const) + (options.extraMoves ?? 0)
  )
  const moveDays = new Set<number>()
  for (let i = 0; i < moves; i++) moveDays.add(start + r.int(1, length - 1))
  if (legalChange !== null) moveDays.delete(legalChange)
  const changes: PeriodChange[] = [...moveDays].map((d) => ({ day: d, kind: 'move' }))
  if (legalChange !== null) changes.push({ day: legalChange, kind: 'legal' })
  changes.sort((a, b) => a.day - b.day)
  return { changes, legalChange }
}

/**
 * One period of care from `start`, ending on `end` (null = still open) with `rec`.
 * The legal status may change once (e.g. ICO → FCO); placements move a few times.
 */
function period(
  g: Cohort,
  child: ChildRecord,
  start: number,
  end: number | null,
  finalLs: string,
  finalPlace: PlacementKind,
  rec: string | null
): PeriodPlacement[] {
  const { r, data } = g
  const stop = end ?? g.today
  const length = Math.max(1, stop - start)
  const firstLs = finalLs === 'C2' ? (r.chance(0.7) ? 'C1' : 'V2') : finalLs === 'E1' || finalLs === 'D1' ? 'C2' : finalLs
  const { changes, legalChange } = periodChanges(g, start, length, firstLs, finalLs)
  const cin = r.weighted(needMix)
  const home = postcode(r)
  let ls = legalChange === null ? finalLs : firstLs
  const dobDay = dayNumber(child.dob)
  // Close enough for choosing a placement type, and cheap at a million episodes.
  const age = (day: number): number => Math.floor((day - dobDay) / 365.25)
  const nextPlacement = (last: boolean, day: number): PlacementCodes =>
    last ? placementCodes(g, finalPlace, child.family_name) : placementCodes(g, pickPlacement(r, ls, age(day), earlierMix), child.family_name)
  let placementsLeft = changes.filter((c) => c.kind === 'move').length + 1
  let placement = nextPlacement(placementsLeft === 1, start)
  let decom = start
  let rne = 'S'
  let reason: string | null = null
  const placements: PeriodPlacement[] = []
  const emit = (dec: number | null, recCode: string | null): void => {
    if (rne === 'S' || rne === 'P') {
      placements.push({ start: decom, carer: placement.carer })
      if (placement.carer !== null) data.placementCarers.push({ child_id: child.child_id, placement_start: isoFromDay(decom), carer_id: placement.carer })
    }
    data.episodes.push({
      child_id: child.child_id,
      decom: isoFromDay(decom),
      rne,
      ls,
      cin,
      place: placement.place,
      place_provider: placement.provider,
      dec: dec === null ? null : isoFromDay(dec),
      rec: recCode,
      reason_place_change: reason,
      home_post: home,
      pl_post: postcode(r),
      urn: placement.urn,
      carer_id: placement.carer,
      seq: ++g.seq
    })
  }
  for (const change of changes) {
    emit(change.day, 'X1')
    decom = change.day
    if (change.kind === 'legal') {
      ls = finalLs
      rne = 'L'
      reason = null
    } else {
      placementsLeft--
      const carer = placement.carer
      placement = nextPlacement(placementsLeft === 1, change.day)
      // A T move is a new home with the same carers (a foster family moving house).
      rne = carer !== null && placement.carer !== null && r.chance(0.15) ? 'T' : 'P'
      if (rne === 'T') placement.carer = carer
      reason = r.pick(moveReasons)
    }
  }
  emit(end, rec)
  return placements
}

function newChild(g: Cohort, n: number, sex: 1 | 2, dob: number): ChildRecord {
  const { r } = g
  const child: ChildRecord = {
    child_id: childId(n),
    sex,
    dob: isoFromDay(dob),
    ethnic: r.weighted(ethnicMix),
    upn: upnOf(`000${String(r.int(0, 999999999)).padStart(9, '0')}`),
    mother: sex === 2 && r.chance(0.02) ? 1 : sex === 2 ? 0 : null,
    mc_dob: null,
    given_name: fictionalGivenName(r),
    family_name: fictionalFamilyName(r)
  }
  g.data.children.push(child)
  return child
}

/** Children looked after on asOf, each with their current period (and for some, an earlier one). */
function lookedAfterChildren(g: Cohort, target: number): CurrentChild[] {
  const { r, today, data } = g
  const current: CurrentChild[] = []
  for (let i = 0; i < target; i++) {
    const ls = r.weighted(legalStatusMix)
    const [lo, hi] = r.weighted(must(agePlan[ls], 'an age plan for every legal status in the mix'))
    const ageYears = r.int(lo, hi)
    const dob = today - Math.round(ageYears * 365.25) - r.int(1, 360)
    const child = newChild(g, i + 1, r.chance(368 / 657) ? 1 : 2, dob)
    const kind = pickPlacement(r, ls, ageYears, placementMix)
    const start = today - periodLength(r, ls, today - dob)
    if (r.chance(0.12) && start - dob > 500) {
      const prevEnd = start - r.int(60, Math.min(700, start - dob - 200))
      const prevStart = Math.max(dob + 1, prevEnd - r.int(30, 500))
      if (prevEnd > prevStart) period(g, child, prevStart, prevEnd, r.pick(['V2', 'C1']), r.weighted(earlierMix), r.pick(['E4A', 'E13', 'E8']))
    }
    const firstEpisode = data.episodes.length
    const placements = period(g, child, start, null, ls, kind, null)
    const placementStart = dayNumber(
      data.episodes
        .slice(firstEpisode)
        .filter((e) => e.rne !== 'L')
        .at(-1)!.decom
    )
    current.push({ child, ls, kind, periodStart: start, placementStart, placements, age: ageYears })
  }
  return current
}

/** Ceased children: about 170 a year over the last four years; a quarter left at 18, 40% of those Staying Put (E17). */
function ceasedChildren(g: Cohort, target: number): void {
  const { r, today } = g
  const ceasedCount = Math.round(target * 0.75)
  for (let i = 0; i < ceasedCount; i++) {
    const agedOut = r.chance(0.25)
    const end = today - Math.floor(Math.pow(r.next(), 1.2) * 4 * 365) - 1
    const dob = agedOut ? end - Math.round(18 * 365.25) : end - r.int(200, 17 * 365)
    const child = newChild(g, target + i + 1, r.chance(0.55) ? 1 : 2, dob)
    const length = Math.min(end - dob - 1, agedOut ? r.int(365, 8 * 365) : r.int(20, 5 * 365))
    const rec = agedOut
      ? r.weighted([
          ['E17', 45],
          ['E5', 20],
          ['E6', 20],
          ['E8', 27]
        ] as const)
      : r.weighted(ceaseReasons)
    const ls =
      rec === 'E11' || rec === 'E12'
        ? 'E1'
        : r.weighted([
            ['C2', 55],
            ['C1', 20],
            ['V2', 25]
          ] as const)
    const kind: PlacementKind = rec === 'E17' ? r.pick(['inhouse', 'ifa'] as const) : ls === 'E1' ? 'adoption' : r.weighted(earlierMix)
    period(g, child, end - Math.max(1, length), end, ls, kind, rec)
  }
}

interface CurrentChild {
  child: ChildRecord
  ls: string
  kind: PlacementKind
  periodStart: number
  placementStart: number
  /** Placements with new carers in the current period, oldest first. */
  placements: { start: number; carer: number | null }[]
  age: number
}

const planOf = (c: CurrentChild): string => {
  if (c.ls === 'E1' || c.ls === 'D1') return 'adoption'
  if (c.kind === 'parents') return 'return_home'
  if (c.kind === 'residential') return 'residential'
  if (c.age >= 16) return 'staying_put_independence'
  if (c.kind === 'kinship') return 'special_guardianship'
  return 'long_term_fostering'
}

/**
 * Care plans for most children in care (confirmed at an IRO review for many), and
 * discharge applications for some of those placed with parents on care orders.
 */
function carePlans(r: Random, data: DemoData, current: readonly CurrentChild[], today: number): void {
  // Decided about the carers the child is with now (not those who moved on since).
  const decidedAbout = new Set(data.decisions.filter((d) => d.outcome !== 'deferred').map((d) => `${d.child_id}|${d.placement_start}`))
  const decided = new Set(current.filter((c) => decidedAbout.has(`${c.child.child_id}|${isoFromDay(c.placements.at(-1)!.start)}`)).map((c) => c.child.child_id))
  for (const c of current) {
    if (c.ls === 'J1' || c.ls === 'J2' || c.ls === 'L2' || !r.chance(0.8)) continue
    const plan = planOf(c)
    // Most confirmed plans have been to panel since; a handful wait for it (they head the agenda suggestions).
    const confirmedChance = decided.has(c.child.child_id) ? 0.8 : 0.015
    const confirmed =
      today - c.periodStart > 120 && r.chance(confirmedChance) ? isoFromDay(c.periodStart + r.int(90, Math.max(91, today - c.periodStart - 1))) : null
    const familyFinding =
      plan === 'adoption' ? r.pick(['searching', 'matched', 'placed']) : plan === 'long_term_fostering' && c.kind === 'residential' ? 'searching' : 'not_needed'
    data.carePlans.push({ child_id: c.child.child_id, plan, confirmed_date: confirmed, family_finding: familyFinding, note: null })
    if (c.kind === 'parents' && r.chance(0.4)) {
      const planned = Math.min(today, c.placementStart + r.int(30, 200))
      const applied = r.chance(0.5) && planned + 30 < today ? planned + r.int(10, 30) : null
      data.discharges.push({
        child_id: c.child.child_id,
        status: applied === null ? 'planned' : 'applied',
        planned_date: isoFromDay(planned),
        applied_date: applied === null ? null : isoFromDay(applied),
        decided_date: null
      })
    }
  }
}

/**
 * A monthly panel over the last two years. Decisions go to children in long, stable
 * placements first, to land near the report's July 2020 shape (169 agreed, 31 not
 * agreed, 192 under oversight, the rest with nothing).
 */
function panelHistory(r: Random, data: DemoData, current: CurrentChild[], today: number): void {
  const scale = current.length / 657
  const chair = `${fictionalPerson(r)} (Head of Service)`
  const members = [
    { name: chair, role: 'chair' },
    { name: `${fictionalPerson(r)}`, role: 'fostering' },
    { name: `${fictionalPerson(r)}`, role: 'social work' },
    { name: `${fictionalPerson(r)}`, role: 'independent' }
  ]
  for (let m = 24; m >= 1; m--) {
    const day = today - m * 30 - r.int(0, 5)
    data.meetings.push({
      id: data.meetings.length + 1,
      meeting_date: isoFromDay(day),
      start_time: '10:00',
      place: 'Committee Room 2 (fictional)',
      chair,
      members
    })
  }
  const meetingOnOrAfter = (day: number): MeetingRecord | undefined => data.meetings.find((m) => dayNumber(m.meeting_date) >= day)
  const socialWorkers = Array.from({ length: 12 }, () => fictionalPerson(r))
  const managers = Array.from({ length: 6 }, () => `${fictionalPerson(r)} (team manager)`)
  const positions = new Map<number, number>()

  const decide = (c: CurrentChild, outcome: DecisionRecord['outcome'], earliest: number, jitter = 120, latest = today): DecisionRecord | undefined => {
    const meeting = meetingOnOrAfter(earliest + r.int(0, jitter))
    if (!meeting || dayNumber(meeting.meeting_date) > latest) return undefined
    const about = c.placements.filter((p) => p.start <= dayNumber(meeting.meeting_date)).at(-1) ?? must(c.placements[0], 'every demo child has a placement')
    const position = (positions.get(meeting.id) ?? 0) + 1
    positions.set(meeting.id, position)
    const agenda: AgendaRecord = {
      id: data.agenda.length + 1,
      meeting_id: meeting.id,
      child_id: c.child.child_id,
      position,
      slot_time: `${String(10 + Math.floor((position - 1) / 3)).padStart(2, '0')}:${String(((position - 1) % 3) * 20).padStart(2, '0')}`,
      social_worker: r.pick(socialWorkers),
      reason: c.ls === 'C2' ? 'FCO without a permanence decision' : 'Long stable placement'
    }
    data.agenda.push(agenda)
    const decision: DecisionRecord = {
      id: data.decisions.length + 1,
      child_id: c.child.child_id,
      meeting_id: meeting.id,
      agenda_item_id: agenda.id,
      decision_date: meeting.meeting_date,
      outcome,
      return_date: outcome === 'deferred' ? isoFromDay(dayNumber(meeting.meeting_date) + 56) : null,
      reasons:
        outcome === 'agreed'
          ? "Carers meet the child's needs now and into adulthood; child wishes to stay."
          : outcome === 'not_agreed'
            ? "Carers' long-term capacity not yet evidenced; placement plan to be reviewed."
            : 'Child permanence report not received in time.',
      conditions: outcome === 'agreed' ? 'Annual support plan review.' : null,
      support: outcome === 'agreed' ? r.pick(['Therapeutic parenting training', 'Respite one weekend a month', 'Education support plan']) : null,
      carer_ids: about.carer === null ? [] : [about.carer],
      placement_start: isoFromDay(about.start)
    }
    data.decisions.push(decision)
    const due = dayNumber(meeting.meeting_date) + 28
    data.actions.push({
      child_id: c.child.child_id,
      decision_id: decision.id,
      meeting_id: meeting.id,
      description:
        outcome === 'agreed'
          ? 'Send decision letter and support plan to carers'
          : outcome === 'not_agreed'
            ? 'Review care plan and report back to panel'
            : 'Provide child permanence report',
      owner: agenda.social_worker,
      due_date: isoFromDay(due),
      done_at: due < today - 20 || r.chance(0.5) ? isoFromDay(Math.min(today, due - r.int(0, 20))) : null
    })
    return decision
  }

  // Longest-settled first: the children a chair would have brought to panel already.
  const settled = current
    .filter((c) => (c.ls === 'C2' || c.ls === 'E1') && ['kinship', 'inhouse', 'ifa', 'residential', 'parents'].includes(c.kind))
    .sort((a, b) => a.placementStart - b.placementStart)
  const agreedTarget = Math.round(169 * scale)
  const notAgreedTarget = Math.round(31 * scale)
  const decided = new Set<string>()
  for (const c of settled) {
    if (decided.size >= agreedTarget + notAgreedTarget) break
    // Spread over the two years of meetings rather than all at the first one.
    const earliest = Math.max(c.periodStart + 120, c.placementStart + 90, today - r.int(30, 730))
    const outcome = decided.size < agreedTarget ? 'agreed' : 'not_agreed'
    const deferred = r.chance(0.1) ? decide(c, 'deferred', earliest) : undefined
    if (deferred ? decide(c, outcome, dayNumber(deferred.return_date!), 0) : decide(c, outcome, earliest)) decided.add(c.child.child_id)
  }
  // A few decided while with earlier carers this period, then moved on (RNE P): the
  // tracker flags them "carers changed since decision".
  for (const c of current) {
    if (decided.has(c.child.child_id) || c.placements.length < 2 || !r.chance(0.2)) continue
    const earlier = c.placements.at(-2)!
    if (earlier.carer === null || c.placementStart - earlier.start < 150) continue
    if (decide(c, 'agreed', earlier.start + 90, 30, c.placementStart - 1)) decided.add(c.child.child_id)
  }
  const oversightTarget = Math.round(192 * scale)
  const rest = current.filter((c) => !decided.has(c.child.child_id) && c.ls !== 'J1' && c.ls !== 'J2' && c.ls !== 'L2')
  for (const c of rest) {
    if (data.oversight.length >= oversightTarget) break
    if (!r.chance(0.55)) continue
    const entry = Math.max(c.periodStart + 1, today - r.int(5, 300))
    if (entry > today) continue
    data.oversight.push({
      child_id: c.child.child_id,
      entry_date: isoFromDay(entry),
      manager: r.pick(managers),
      note: r.pick([
        'Plan of permanence with current carers tracked at supervision.',
        'Care plan reviewed; permanence planning meeting booked.',
        'Sibling assessment under way before panel.'
      ]),
      next_review_date: isoFromDay(entry + r.int(60, 180))
    })
  }
  // Meetings held by today, each with children on its agenda: a signed-off meeting that considered no one is not a demo of anything.
  const considered = new Set(data.agenda.map((a) => a.meeting_id))
  data.meetings = data.meetings.filter((m) => dayNumber(m.meeting_date) <= today && considered.has(m.id))
}
