/**
 * Placements: a child's time with the same carers, derived from the
 * episodes with the tracker's own rules, and the carers linked to each. Links are kept
 * by child and the placement's first DECOM, so a 903 re-import that replaces the
 * episodes keeps them.
 */
import type { Carer, CurrentCarers, Placement } from '../../../shared/contract/carers'
import { invalidInput, notFound } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'
import { systemClock, type Clock } from '../clock'
import { carerColumns, getCarer } from '../carers/register'
import { carersPlacement, episodeOnDay, isShortBreak, periodChain, startsWithNewCarers, type EpisodeFacts } from '../tracker/rules'
import { ukDate } from '../../../shared/days'

interface EpisodeRow extends EpisodeFacts {
  place: string | null
  placeProvider: string | null
}

const readEpisodes = async (db: Db, childId: string): Promise<EpisodeRow[]> =>
  (await db
    .prepare('SELECT id, decom, dec, rne, ls, seq, place, place_provider AS "placeProvider" FROM episode WHERE child_id = ? ORDER BY decom, seq')
    .all(childId)) as EpisodeRow[]

/** The carers linked to each placement start of a child. */
async function linkedCarers(db: Db, childId: string): Promise<Map<string, Carer[]>> {
  const rows = (await db
    .prepare(
      `SELECT l.placement_start AS start, ${carerColumns} FROM placement_carer l JOIN carer c ON c.id = l.carer_id WHERE l.child_id = ? ORDER BY c.name, c.id`
    )
    .all(childId)) as (Carer & { start: string })[]
  const byStart = new Map<string, Carer[]>()
  for (const { start, ...carer } of rows) byStart.set(start, [...(byStart.get(start) ?? []), carer])
  return byStart
}

/** The placement key of each care episode (short breaks are not placements). */
function placementKeys(episodes: readonly EpisodeRow[]): Map<EpisodeRow, string> {
  const keys = new Map<EpisodeRow, string>()
  for (const e of episodes) if (!isShortBreak(e.ls)) keys.set(e, carersPlacement(episodes, periodChain(episodes, e)).key)
  return keys
}

function buildPlacements(episodes: readonly EpisodeRow[], carers: Map<string, Carer[]>): Placement[] {
  const groups = new Map<string, EpisodeRow[]>()
  for (const [episode, key] of placementKeys(episodes)) groups.set(key, [...(groups.get(key) ?? []), episode])
  return [...groups.entries()]
    .map(([start, list]): Placement => {
      const latest = list.at(-1)!
      return {
        start,
        startKnown: list.some((e) => e.decom === start && startsWithNewCarers(e.rne)),
        end: list.some((e) => e.dec === null)
          ? null
          : list
              .map((e) => e.dec!)
              .sort()
              .at(-1)!,
        place: latest.place,
        placeProvider: latest.placeProvider,
        episodes: list.length,
        carers: carers.get(start) ?? []
      }
    })
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0))
}

const requireChild = async (db: Db, childId: string): Promise<void> => {
  if (!(await db.prepare('SELECT 1 FROM child WHERE child_id = ?').get(childId))) throw notFound(`No child with ID ${childId}`)
}

/** Every placement of a child, newest first. */
export async function childPlacements(db: Db, childId: string): Promise<Placement[]> {
  await requireChild(db, childId)
  return buildPlacements(await readEpisodes(db, childId), await linkedCarers(db, childId))
}

/** The child's placement and carers on `date`. */
export async function currentCarers(db: Db, childId: string, date: string): Promise<CurrentCarers> {
  await requireChild(db, childId)
  const episodes = await readEpisodes(db, childId)
  const episode = episodeOnDay(episodes, date) as EpisodeRow | null
  if (episode === null) return { childId, date, placement: null }
  const key = carersPlacement(episodes, periodChain(episodes, episode)).key
  return { childId, date, placement: buildPlacements(episodes, await linkedCarers(db, childId)).find((p) => p.start === key) ?? null }
}

/** The placement of `childId` that starts on `start`, or a message saying which ones do. */
export async function placementStarting(db: Db, childId: string, start: string): Promise<{ placement: Placement } | { problem: string }> {
  const placements = buildPlacements(await readEpisodes(db, childId), new Map())
  const placement = placements.find((p) => p.start === start)
  if (placement !== undefined) return { placement }
  if (placements.length === 0) return { problem: `child ${childId} has no episodes in care (import the 903 first)` }
  const starts = placements.map((p) => ukDate(p.start)).reverse()
  return { problem: `no placement of child ${childId} starts on ${ukDate(start)}; its placements start on ${starts.join(', ')}` }
}

async function changeLink(db: Db, who: string, childId: string, placementStart: string, carerId: number, link: boolean, clock: Clock): Promise<Placement> {
  const now = clock.timestamp()
  await requireChild(db, childId)
  return await db.transaction(async () => {
    const found = await placementStarting(db, childId, placementStart)
    if ('problem' in found) throw invalidInput(`Cannot link carers: ${found.problem}.`)
    const carer = await getCarer(db, carerId)
    if (carer === undefined) throw notFound(`No carer with id ${carerId} in the register`)
    const changed = link
      ? (
          await db
            .prepare('INSERT INTO placement_carer (child_id, placement_start, carer_id, linked_by, linked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
            .run(childId, placementStart, carerId, who, now)
        ).changes
      : (await db.prepare('DELETE FROM placement_carer WHERE child_id = ? AND placement_start = ? AND carer_id = ?').run(childId, placementStart, carerId))
          .changes
    if (changed > 0) {
      await audit(db, {
        who,
        at: now,
        action: link ? 'placement.carer.link' : 'placement.carer.unlink',
        entity: 'placement_carer',
        entityId: `${childId}/${placementStart}/${carerId}`,
        after: { childId, placementStart, carer: carer.name }
      })
    }
    return (await childPlacements(db, childId)).find((p) => p.start === placementStart)!
  })()
}

export const linkPlacementCarer = async (
  db: Db,
  who: string,
  childId: string,
  placementStart: string,
  carerId: number,
  clock: Clock = systemClock
): Promise<Placement> => await changeLink(db, who, childId, placementStart, carerId, true, clock)
export const unlinkPlacementCarer = async (
  db: Db,
  who: string,
  childId: string,
  placementStart: string,
  carerId: number,
  clock: Clock = systemClock
): Promise<Placement> => await changeLink(db, who, childId, placementStart, carerId, false, clock)

/** The carers of each of a child's episodes (those of its placement), names joined; absent when none are linked. */
export async function episodeCarers(db: Db, childId: string): Promise<Map<number, string>> {
  const episodes = await readEpisodes(db, childId)
  const carers = await linkedCarers(db, childId)
  const names = new Map<number, string>()
  for (const [episode, key] of placementKeys(episodes)) {
    const linked = carers.get(key)
    if (linked?.length) names.set(episode.id, linked.map((c) => c.name).join(' and '))
  }
  return names
}
