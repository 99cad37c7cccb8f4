/**
 * A child's tracker status as spans of days. Everything the rules look at changes only
 * on a few days (an episode's DECOM or DEC, an event's date), so evaluating the pure
 * rules once at each of those days and keeping the result until the next one gives the
 * answer for every date; the store keeps these spans (tracker_span) and a date question
 * becomes one range scan.
 */
import type { LegalStatusGroup, PermanenceStatus } from '../../../shared/contract/tracker'
import {
  carersPlacement,
  chainStart,
  episodeOnDay,
  isShortBreak,
  legalStatusGroup,
  periodChain,
  permanenceFacts,
  type CarersPlacement,
  type EpisodeFacts,
  type PermanenceEvent,
  type PlacementCarers
} from './rules'

/** Episode columns the tracker grid shows, constant for the episode. */
export interface SpanEpisode extends EpisodeFacts {
  place: string | null
  placeProvider: string | null
}

/** The tracker's answer for every day in [start, end) (end null: from start on). */
export interface StatusSpan {
  start: string
  end: string | null
  episode: SpanEpisode
  legalStatusGroup: LegalStatusGroup
  periodStart: string | null
  /** Earliest DECOM back along the period's chain while the legal status stays the same. */
  legalStatusSince: string
  /** Latest DECOM along the chain that was not a legal-status-only change (RNE L); null if none. */
  placementStart: string | null
  status: PermanenceStatus
  decisionDate: string | null
  lastOversight: string | null
  /** Latest panel consideration (any outcome) on or before the day. */
  lastPanel: string | null
  /** The placement with the current carers (rules.carersPlacement). */
  carers: CarersPlacement
  /** No decision counts, but one this period was about earlier carers. */
  carersChanged: boolean
  /**
   * Placements begun up to the span's start: care episodes (not short breaks) other than
   * legal-status-only changes (RNE L). None begin inside a span or between spans, so
   * the difference between two dates' spans counts the moves between them.
   */
  moves: number
}

interface EpisodeSummary {
  periodStart: string | null
  legalStatusSince: string
  placementStart: string | null
  carers: CarersPlacement
}

function summarise(episodes: readonly EpisodeFacts[], current: EpisodeFacts): EpisodeSummary {
  const chain = periodChain(episodes, current)
  let legalStatusSince = current.decom
  for (const step of chain) {
    if (step.ls !== current.ls) break
    legalStatusSince = step.decom
  }
  // The chain runs newest first, so the first move found is the latest.
  const placementStart = chain.find((step) => step.rne !== 'L')?.decom ?? null
  return { periodStart: chainStart(episodes, chain), legalStatusSince, placementStart, carers: carersPlacement(episodes, chain) }
}

const sameAnswer = (a: StatusSpan, b: Omit<StatusSpan, 'start' | 'end'>): boolean =>
  a.episode === b.episode &&
  a.status === b.status &&
  a.decisionDate === b.decisionDate &&
  a.lastOversight === b.lastOversight &&
  a.lastPanel === b.lastPanel &&
  a.carersChanged === b.carersChanged &&
  a.moves === b.moves

/** A date in a sorted list not yet passed reaches `day`; past the list's end, none does. */
const reached = (date: string | undefined, day: string): boolean => date !== undefined && date <= day

/**
 * The spans of days on which the child is looked after, in date order, neighbours with
 * the same answer merged. `panelDates` are the dates of the child's current
 * (not superseded) panel decisions of any outcome; `placementCarers` the carers linked
 * to each placement. Links do not change within an episode, so they add no breakpoints.
 */
export function statusSpans(
  episodes: readonly SpanEpisode[],
  events: readonly PermanenceEvent[],
  panelDates: readonly string[],
  placementCarers: PlacementCarers = new Map()
): StatusSpan[] {
  const days = new Set<string>()
  for (const e of episodes) {
    days.add(e.decom)
    if (e.dec !== null) days.add(e.dec)
  }
  for (const e of events) days.add(e.date)
  for (const d of panelDates) days.add(d)
  const breakpoints = [...days].sort()
  const sortedPanel = [...panelDates].sort()
  const moveDays = episodes
    .filter((e) => e.rne !== 'L' && !isShortBreak(e.ls))
    .map((e) => e.decom)
    .sort()
  let moves = 0
  const summaries = new Map<SpanEpisode, EpisodeSummary>()
  const spans: StatusSpan[] = []
  let panelIndex = 0
  let open: StatusSpan | null = null
  for (const [i, day] of breakpoints.entries()) {
    while (reached(sortedPanel[panelIndex], day)) panelIndex++
    while (reached(moveDays[moves], day)) moves++
    const episode = episodeOnDay(episodes, day) as SpanEpisode | null
    if (episode === null) {
      open = null
      continue
    }
    let summary = summaries.get(episode)
    if (summary === undefined) summaries.set(episode, (summary = summarise(episodes, episode)))
    const facts = permanenceFacts(events, summary.periodStart, day, { since: summary.carers.since, carers: placementCarers.get(summary.carers.key) ?? [] })
    const answer = {
      episode,
      legalStatusGroup: legalStatusGroup(episode.ls),
      ...summary,
      ...facts,
      lastPanel: sortedPanel[panelIndex - 1] ?? null,
      moves
    }
    const end = breakpoints[i + 1] ?? null
    if (open !== null && sameAnswer(open, answer)) open.end = end
    else spans.push((open = { start: day, end, ...answer }))
  }
  return spans
}
