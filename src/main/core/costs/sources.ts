/**
 * The de-identified sources the costs, sufficiency and forecast queries read children
 * through: placement, legal status, episode dates and age in whole years on a
 * date, never a child's ID, name, date of birth, UPN, postcode or carers. On PostgreSQL
 * they are views and SECURITY DEFINER functions owned by permanence_owner, the only way a
 * commissioner's login reaches child-level tables; on SQLite the same SQL runs as a view
 * (migration 013) or an inline subquery, so both engines count the same children.
 *
 * Parameters keep the names the queries bind: :date, :from, :dates (a JSON array of ISO
 * dates). Dates are ISO text on both engines, so ages come from substr, not date functions.
 */
import type { Engine } from '../store/engine/store'

/** Whole years from `dob` to `on` (NULL when the date of birth is unknown). */
export const ageSql = (dob: string, on: string): string =>
  `CASE WHEN ${dob} IS NULL THEN NULL ELSE CAST(substr(${on}, 1, 4) AS INTEGER) - CAST(substr(${dob}, 1, 4) AS INTEGER)` +
  ` - CASE WHEN substr(${on}, 6, 5) < substr(${dob}, 6, 5) THEN 1 ELSE 0 END END`

/** Episodes without the child, the home and placement postcodes, the provider's URN or the carer. */
export const commissioningEpisodeSql = `SELECT e.decom, e.dec, e.rne, e.ls, e.cin, e.place, e.place_provider, e.rec, e.reason_place_change, e.seq FROM episode e`

export const commissioningViews = ['commissioning_episode'] as const

const spanOnDay = (engine: Engine): string => (engine === 'sqlite' ? ' INDEXED BY tracker_span_on_day' : '')

interface Source {
  /** The PostgreSQL function: name, its parameters and the columns it returns. */
  name: string
  params: readonly Param[]
  returns: string
  /** The query, given each parameter's SQL name (`:date` inline, `on_date` in the function). */
  body: (engine: Engine, p: Record<Param, string>) => string
}

type Param = 'date' | 'from' | 'dates'
const inlineParams: Record<Param, string> = { date: ':date', from: ':from', dates: ':dates' }
const functionParams: Record<Param, string> = { date: 'on_date', from: 'from_date', dates: 'on_dates' }

/** Children looked after on :date (the tracker's rule, from its status spans), one row each. */
const lookedAfterOnSource: Source = {
  name: 'commissioning_looked_after_on',
  params: ['date'],
  returns:
    'place text, place_provider text, ls text, ls_group text, status text, period_start text, placement_start text, legal_status_since text, age integer',
  body: (
    engine,
    p
  ) => `SELECT s.place, s.place_provider, s.ls, s.ls_group, s.status, s.period_start, s.placement_start, s.legal_status_since, ${ageSql('s.dob', p.date)} AS age
    FROM tracker_span s${spanOnDay(engine)} WHERE s.span_end > ${p.date} AND s.span_start <= ${p.date}`
}

/*
 * For each child looked after on :date, their placements in (:from, :date]: those begun in
 * the window (care episodes, not short breaks, other than legal-status-only changes) plus
 * the one held at its start, if any (the DfE short-term stability measure).
 */
const placementsInWindowSource: Source = {
  name: 'commissioning_placements_in_window',
  params: ['from', 'date'],
  returns: 'placements integer',
  body: (engine, p) => {
    // SQLite: the placements begun in the window counted in one pass over the episodes, and
    // the children in care at its start found in one range read, then joined to the children
    // on the day, rather than two probes for each of them (at 100k children, 0.9 s to 0.4 s).
    // (The PostgreSQL function keeps migration 013's form: the same counts.)
    if (engine === 'sqlite')
      return `WITH begun AS MATERIALIZED (SELECT e.child_id, COUNT(*) AS n FROM episode e
        WHERE e.decom > ${p.from} AND e.decom <= ${p.date} AND COALESCE(e.rne, 'S') <> 'L' AND COALESCE(e.ls, '') NOT IN ('V3', 'V4') GROUP BY e.child_id),
      held AS MATERIALIZED (SELECT b.child_id FROM tracker_span b INDEXED BY tracker_span_counts WHERE b.span_end > ${p.from} AND b.span_start <= ${p.from})
    SELECT CAST(COALESCE(w.n, 0) + CASE WHEN h.child_id IS NULL THEN 0 ELSE 1 END AS INTEGER) AS placements
    FROM tracker_span s${spanOnDay(engine)} LEFT JOIN begun w ON w.child_id = s.child_id LEFT JOIN held h ON h.child_id = s.child_id
    WHERE s.span_end > ${p.date} AND s.span_start <= ${p.date}`
    return `SELECT CAST((SELECT COUNT(*) FROM episode e WHERE e.child_id = s.child_id AND e.decom > ${p.from} AND e.decom <= ${p.date}
        AND COALESCE(e.rne, 'S') <> 'L' AND COALESCE(e.ls, '') NOT IN ('V3', 'V4'))
      + CASE WHEN EXISTS (SELECT 1 FROM tracker_span b WHERE b.child_id = s.child_id AND b.span_start <= ${p.from} AND b.span_end > ${p.from}) THEN 1 ELSE 0 END AS INTEGER) AS placements
    FROM tracker_span s${spanOnDay(engine)} WHERE s.span_end > ${p.date} AND s.span_start <= ${p.date}`
  }
}

/**
 * Each child's latest episode as of :date (latest start on or before it, then highest
 * sequence), where that episode has ended by :date: how and when care ended, and the
 * child's age on :date. Arrangements after care (Staying Put, SGO allowances) count from it.
 */
const finalEpisodesOnSource: Source = {
  name: 'commissioning_final_episodes_on',
  params: ['date'],
  returns: '"dec" text, rec text, ls text, age integer',
  body: (_engine, p) => `SELECT e.dec, e.rec, e.ls, ${ageSql('c.dob', p.date)} AS age
    FROM episode e JOIN child c ON c.child_id = e.child_id
    WHERE e.dec <= ${p.date}
      AND NOT EXISTS (SELECT 1 FROM episode later WHERE later.child_id = e.child_id AND later.decom <= ${p.date}
                      AND (later.decom > e.decom OR (later.decom = e.decom AND later.seq > e.seq)))`
}

/*
 * The tracker's status spans overlapping the first to the last of :dates (a JSON array of
 * ISO dates, in order), each with its placement and `ages`: a JSON array of [date, age in
 * whole years] for each of :dates the span covers. child_key stands for the same child
 * on every span of one call (so moves between dates can be followed) and means nothing
 * outside it. One row per span, not per date: the forecast reads three years of month
 * ends at once.
 */
const spansOverSource: Source = {
  name: 'commissioning_spans_over',
  params: ['dates'],
  returns: 'child_key integer, span_start text, span_end text, place text, place_provider text, ages text',
  body: (engine, p) => {
    const covered = 's.span_start <= d.value AND s.span_end > d.value'
    // SQLite: the dates are read from their JSON once, not again for each of the
    // 650,000 spans of three years at 100k children (4.6 s to 3.7 s).
    const ages =
      engine === 'sqlite'
        ? `(SELECT json_group_array(json_array(d.value, ${ageSql('s.dob', 'd.value')})) FROM span_dates d WHERE ${covered})`
        : `(SELECT CAST(COALESCE(json_agg(json_build_array(d.value, ${ageSql('s.dob', 'd.value')})), '[]') AS text)
           FROM json_array_elements_text(CAST(${p.dates} AS json)) AS d(value) WHERE ${covered})`
    const [first, last] =
      engine === 'sqlite'
        ? [`json_extract(${p.dates}, '$[0]')`, `json_extract(${p.dates}, '$[#-1]')`]
        : [`(CAST(${p.dates} AS json) ->> 0)`, `(CAST(${p.dates} AS json) ->> -1)`]
    const dates = engine === 'sqlite' ? `WITH span_dates(value) AS MATERIALIZED (SELECT value FROM json_each(${p.dates})) ` : ''
    // SQLite: the table itself, kept in child order, so the ranking needs no sort: at 100k
    // children, three years of spans (650,000 of a million) read 27% faster than through
    // the by-day index and a sort by child.
    const spans = engine === 'sqlite' ? 'tracker_span s NOT INDEXED' : 'tracker_span s'
    return `${dates}SELECT CAST(dense_rank() OVER (ORDER BY s.child_id) AS INTEGER) AS child_key, s.span_start, s.span_end, s.place, s.place_provider, ${ages} AS ages
    FROM ${spans} WHERE s.span_end > ${first} AND s.span_start <= ${last}`
  }
}

/** 1 while records changed since the tracker's spans were last computed, else 0. */
const trackerPendingSource: Source = {
  name: 'commissioning_tracker_pending',
  params: [],
  returns: 'pending integer',
  body: () => 'SELECT CASE WHEN EXISTS (SELECT 1 FROM tracker_dirty) THEN 1 ELSE 0 END AS pending'
}

const sources = [lookedAfterOnSource, placementsInWindowSource, finalEpisodesOnSource, spansOverSource, trackerPendingSource]

/** Signatures as GRANT and REVOKE name them. */
export const commissioningFunctions: readonly string[] = sources.map((s) => `${s.name}(${s.params.map(() => 'text').join(', ')})`)

function fromItem(source: Source, engine: Engine): string {
  if (engine === 'postgres') return `${source.name}(${source.params.map((p) => `:${p}`).join(', ')})`
  return `(${source.body(engine, inlineParams)})`
}

/** FROM item (alias it): children looked after on :date. */
export const lookedAfterOn = (engine: Engine): string => fromItem(lookedAfterOnSource, engine)
/** FROM item (alias it): per child looked after on :date, `placements` in (:from, :date]. */
export const placementsInWindow = (engine: Engine): string => fromItem(placementsInWindowSource, engine)
/** FROM item (alias it): each child's latest episode as of :date, ended by then. */
export const finalEpisodesOn = (engine: Engine): string => fromItem(finalEpisodesOnSource, engine)
/** FROM item (alias it): status spans over :dates (a JSON array of ISO dates, in order), with the ages on the dates each covers. */
export const spansOver = (engine: Engine): string => fromItem(spansOverSource, engine)
/** A statement: one row, `pending` 1 when the tracker's spans need recomputing. */
export const trackerPendingSql = (engine: Engine): string =>
  engine === 'postgres' ? `SELECT pending FROM ${fromItem(trackerPendingSource, engine)} AS t` : trackerPendingSource.body(engine, inlineParams)

/** The sources as PostgreSQL objects in `schema` (quoted), for migration 013. */
export function postgresSourcesSql(schema: string): string {
  const views = `CREATE OR REPLACE VIEW commissioning_episode AS ${commissioningEpisodeSql};`
  const functions = sources.map((s) => {
    const params = s.params.map((p) => `${functionParams[p]} text`).join(', ')
    // SECURITY DEFINER: runs with the owner's rights, so the caller needs none on the tables;
    // the pinned search_path stops a caller's own objects from standing in for ours.
    // Until team init grants it, a new function is nobody's to call (PostgreSQL's default is everyone's).
    return `CREATE OR REPLACE FUNCTION ${s.name}(${params}) RETURNS TABLE (${s.returns})
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${schema}, pg_temp
  AS $source$ ${s.body('postgres', functionParams)} $source$;
REVOKE ALL ON FUNCTION ${s.name}(${s.params.map(() => 'text').join(', ')}) FROM PUBLIC;`
  })
  return [views, ...functions].join('\n')
}

/** The views for SQLite (migration 013); the parameterised sources run inline there. */
export const sqliteSourcesSql = `CREATE VIEW IF NOT EXISTS commissioning_episode AS ${commissioningEpisodeSql};`
