/**
 * The tracker's rules, as pure functions over one child's records. spans.ts
 * evaluates them on the days a child's answer can change and the store keeps the result
 * (tracker_span), which queries.ts reads; tests hold the reads to these functions.
 * Stored spans are only recomputed for children whose records change, so a change to a
 * rule here needs a migration that marks every child in tracker_dirty.
 */
import type { LegalStatusGroup, PermanenceStatus } from '../../../shared/contract/tracker'

export interface EpisodeFacts {
  id: number
  decom: string
  dec: string | null
  rne: string | null
  ls: string | null
  /** Import order: breaks ties between episodes that start on the same day. */
  seq: number
}

export type EventOutcome = 'agreed' | 'not_agreed' | 'deferred' | 'oversight'

/**
 * A permanence event: a panel decision (not superseded by an amendment), or a
 * management-oversight entry (outcome 'oversight', whether written by a manager or
 * recorded by the panel).
 */
export interface PermanenceEvent {
  date: string
  outcome: EventOutcome
  /** When it was recorded; on the same date the later record wins. */
  recordedAt: string
  /** Final tie-break when two events share date and recording time (row id). */
  order: number
  /** The carers (register ids) a panel decision is about; absent or empty when it names none. */
  carers?: readonly number[]
}

/** Short-break series (903 LS V3/V4) do not make a child looked after. */
export const isShortBreak = (ls: string | null): boolean => ls === 'V3' || ls === 'V4'

export const isOpenOn = (episode: Pick<EpisodeFacts, 'decom' | 'dec'>, day: string): boolean =>
  episode.decom <= day && (episode.dec === null || episode.dec > day)

const laterStart = (a: EpisodeFacts, b: EpisodeFacts): EpisodeFacts => (b.decom > a.decom || (b.decom === a.decom && b.seq > a.seq) ? b : a)

/**
 * The episode that makes the child looked after on `day`, or null if none does. Only
 * episodes that count as care are considered (a short break running alongside a care
 * order does not hide the order); among overlapping ones, the latest DECOM, then the
 * one imported last.
 */
export function episodeOnDay(episodes: readonly EpisodeFacts[], day: string): EpisodeFacts | null {
  let chosen: EpisodeFacts | null = null
  for (const episode of episodes) {
    if (!isOpenOn(episode, day) || isShortBreak(episode.ls)) continue
    chosen = chosen === null ? episode : laterStart(chosen, episode)
  }
  return chosen
}

const groupOfLs: Readonly<Record<string, LegalStatusGroup>> = {
  C2: 'FCO',
  C1: 'ICO',
  V2: 'S20',
  E1: 'PO',
  D1: 'PO',
  J1: 'REMAND',
  J2: 'REMAND',
  J3: 'REMAND'
}

export const legalStatusGroup = (ls: string | null): LegalStatusGroup => (ls !== null && Object.hasOwn(groupOfLs, ls) ? groupOfLs[ls] : undefined) ?? 'OTHER'

/**
 * The chain of episodes of the current period, newest first: from `current` back
 * through predecessors (an episode that began earlier and ended on the day this one
 * began; the latest-starting if several) until an RNE = S episode or one without a
 * predecessor.
 */
export function periodChain(episodes: readonly EpisodeFacts[], current: EpisodeFacts): EpisodeFacts[] {
  const chain = [current]
  let step = current
  while (step.rne !== 'S') {
    let predecessor: EpisodeFacts | null = null
    for (const e of episodes) {
      if (e.decom < step.decom && e.dec === step.decom) predecessor = predecessor === null ? e : laterStart(predecessor, e)
    }
    if (predecessor === null) break
    chain.push(predecessor)
    step = predecessor
  }
  return chain
}

/**
 * Start of the current period of care, from its chain (periodChain). Null when the chain
 * runs back to the child's earliest episode on record without an RNE = S: a single-year
 * return that begins mid-period, whose real start is unknown and has no lower bound.
 */
export function chainStart(episodes: readonly EpisodeFacts[], chain: readonly EpisodeFacts[]): string | null {
  const first = chain.at(-1)!
  if (first.rne === 'S' || episodes.some((e) => e.decom < first.decom)) return first.decom
  return null
}

/** 903 RNE codes that begin a placement with new carers (S start, P placement and carers, B all three). */
export const startsWithNewCarers = (rne: string | null): boolean => rne === 'S' || rne === 'P' || rne === 'B'

/**
 * The child's time with the same carers, as of one episode: it began with an RNE S, P
 * or B episode and continues through T, U and L ones.
 */
export interface CarersPlacement {
  /**
   * DECOM of its first episode on record (the S/P/B one, or the earliest of the chain
   * when the records begin inside it): what carers are linked to, by child and date.
   */
  key: string
  /**
   * When the child began living with these carers: the S/P/B DECOM; failing one, the
   * period's start (null, no lower bound, when the records begin inside the period).
   */
  since: string | null
}

/** The carers placement of a period chain (newest first, as periodChain gives it). */
export function carersPlacement(episodes: readonly EpisodeFacts[], chain: readonly EpisodeFacts[]): CarersPlacement {
  const first = chain.find((step) => startsWithNewCarers(step.rne))
  if (first !== undefined) return { key: first.decom, since: first.decom }
  return { key: chain.at(-1)!.decom, since: chainStart(episodes, chain) }
}

/** Who the child lives with on the day: the placement's start and the carers linked to it. */
export interface CurrentCarers {
  since: string | null
  carers: readonly number[]
}

/**
 * Whether a panel decision is about the child's current carers. One naming carers is
 * while every carer it names is one of them; one naming none (imported trackers, older
 * records) is when it is dated on or after the day the child began living with them.
 */
export function aboutCurrentCarers(event: PermanenceEvent, current: CurrentCarers): boolean {
  if (event.carers !== undefined && event.carers.length > 0) return event.carers.every((id) => current.carers.includes(id))
  return current.since === null || event.date >= current.since
}

/** Permanence status on `day` and the events behind it (see permanenceFacts). */
export interface PermanenceFacts {
  status: PermanenceStatus
  /** Date of the agreed / not-agreed decision that decides, if one does. */
  decisionDate: string | null
  /** Latest oversight event in the window, whether or not a decision overrides it. */
  lastOversight: string | null
  /** No decision counts, but one this period did about earlier carers. */
  carersChanged: boolean
}

/**
 * Permanence status on `day` from the events dated in [periodStart, day] (no lower
 * bound when the start is unknown): the latest agreed / not-agreed panel decision about
 * the current carers decides (deferrals are not decisions; see aboutCurrentCarers);
 * failing one, any oversight event in the period gives 'oversight'; otherwise 'none'.
 * Without `current`, every decision in the period is taken to be about them.
 */
export function permanenceFacts(events: readonly PermanenceEvent[], start: string | null, day: string, current?: CurrentCarers): PermanenceFacts {
  let decision: PermanenceEvent | null = null
  let lastOversight: string | null = null
  let lapsed = false
  for (const event of events) {
    if (event.date > day || (start !== null && event.date < start)) continue
    if (event.outcome === 'oversight' && (lastOversight === null || event.date > lastOversight)) lastOversight = event.date
    if (event.outcome !== 'agreed' && event.outcome !== 'not_agreed') continue
    if (current !== undefined && !aboutCurrentCarers(event, current)) {
      lapsed = true
      continue
    }
    if (decision === null || compareEvents(event, decision) > 0) decision = event
  }
  if (decision !== null) return { status: decision.outcome as PermanenceStatus, decisionDate: decision.date, lastOversight, carersChanged: false }
  return { status: lastOversight === null ? 'none' : 'oversight', decisionDate: null, lastOversight, carersChanged: lapsed }
}

const compareEvents = (a: PermanenceEvent, b: PermanenceEvent): number =>
  a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.recordedAt !== b.recordedAt ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.order - b.order

export interface ChildOnDay {
  episode: EpisodeFacts
  legalStatusGroup: LegalStatusGroup
  periodStart: string | null
  placement: CarersPlacement
  status: PermanenceStatus
  carersChanged: boolean
}

/** Carers linked to a child's placements, by placement key (CarersPlacement.key). */
export type PlacementCarers = ReadonlyMap<string, readonly number[]>

/** All the rules together for one child on one day; null when not looked after. */
export function childOnDay(
  episodes: readonly EpisodeFacts[],
  events: readonly PermanenceEvent[],
  day: string,
  placementCarers: PlacementCarers = new Map()
): ChildOnDay | null {
  const episode = episodeOnDay(episodes, day)
  if (episode === null) return null
  const chain = periodChain(episodes, episode)
  const start = chainStart(episodes, chain)
  const placement = carersPlacement(episodes, chain)
  const facts = permanenceFacts(events, start, day, { since: placement.since, carers: placementCarers.get(placement.key) ?? [] })
  return { episode, legalStatusGroup: legalStatusGroup(episode.ls), periodStart: start, placement, status: facts.status, carersChanged: facts.carersChanged }
}
