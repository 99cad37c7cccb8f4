import { useMemo, type ReactNode } from 'react'
import {
  driftCodes,
  driftLabel,
  figureLabels,
  groupLabels,
  legalStatusGroups,
  statusLabels,
  trackerFlagLabels,
  trackerFlags,
  trackerSortColumns,
  type DriftThresholds,
  type TrackerSortColumn
} from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { figure } from '../../../../shared/plural'
import { largestPage, largestPrint } from '../../../../shared/contract/paging'
import { useCall } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../router'
import { placementName, providerName } from './codes'
import { duration } from './dates'
import { sortFromParam, sortToParam, type GridSort } from '../../components/grid-sort'
import { trackerQuery, type TrackerFilter } from './filters'

/** The filter in a sentence for the printed page's reader, who cannot see which tiles were pressed. */
function describe(filter: TrackerFilter, search: string, thresholds: DriftThresholds): string {
  const parts = [
    filter.statuses?.length ? `with permanence status ${filter.statuses.map((s) => statusLabels[s]).join(' or ')}` : '',
    filter.groups?.length ? `with legal status ${filter.groups.map((g) => groupLabels[g]).join(' or ')}` : '',
    filter.drift?.length ? `drifting: ${filter.drift.map((d) => `“${driftLabel(d, thresholds)}”`).join(' or ')}` : '',
    filter.flags?.length ? `flagged ${filter.flags.map((f) => `“${trackerFlagLabels[f]}”`).join(' and ')}` : '',
    search ? `matching “${search}”` : ''
  ].filter(Boolean)
  return parts.length ? `Children ${parts.join(', ')}` : 'Every looked-after child'
}

/**
 * The tracker laid out for paper: every count tile and every column of every (filtered)
 * child, as a plain table on landscape A4, since the grid only draws what is on screen.
 */
export function TrackerPrintPage({
  asOf,
  filter,
  search,
  sort
}: {
  asOf: string | null
  filter: TrackerFilter
  search: string
  /** The address's `sort` parameter (e.g. `age.desc`): the order a header click gave the grid. */
  sort: string | null
}): ReactNode {
  const info = useCall('appInfo', {})
  const date = asOf ?? info.data?.today
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!date) return <Loading what="the tracker" />
  return <PrintView asOf={date} filter={filter} search={search} sort={sortFromParam(sort, trackerSortColumns)} />
}

const printPage = largestPage

function PrintView({
  asOf,
  filter,
  search,
  sort
}: {
  asOf: string
  filter: TrackerFilter
  search: string
  sort: GridSort<TrackerSortColumn> | null
}): ReactNode {
  const summary = useCall('trackerSummary', { asOf })
  // The grid's own query picks and orders the rows, so the paper lists what the screen does.
  const query = { asOf, filters: filter, search, sort: sort ? [sort] : [] }
  const first = useCall('trackerPage', { ...query, offset: 0, limit: printPage })
  const total = first.data?.total ?? 0
  const tooMany = total > largestPrint
  const second = useCall('trackerPage', { ...query, offset: printPage, limit: printPage }, { enabled: total > printPage && !tooMany })
  const rows = useMemo(() => (tooMany ? [] : [...(first.data?.rows ?? []), ...(second.data?.rows ?? [])]), [tooMany, first.data, second.data])
  const error = summary.error ?? first.error ?? second.error
  if (error) return <ErrorState error={error} onRetry={summary.error ? summary.reload : first.error ? first.reload : second.reload} />
  if (!summary.data || !first.data || (total > printPage && !tooMany && !second.data)) return <Loading what="the tracker" />
  const { counts, driftCounts, flagCounts, thresholds } = summary.data
  const tiles: [string, number][] = [
    ['Looked after', counts.lookedAfter],
    [statusLabels.agreed, counts.permanence.agreed],
    [statusLabels.not_agreed, counts.permanence.notAgreed],
    [statusLabels.oversight, counts.permanence.oversight],
    [`None (${figureLabels.noDecisionNoOversight})`, counts.permanence.none],
    ...trackerFlags.map((f): [string, number] => [trackerFlagLabels[f], flagCounts[f]])
  ]
  return (
    <section className="tracker-print">
      <div className="toolbar no-print">
        <a href={`${href('tracker')}?${trackerQuery(asOf, filter, search)}${sort ? `&sort=${sortToParam(sort)}` : ''}`}>Back to the tracker</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>
        Permanence tracker <span className="muted">on {ukDate(asOf)}</span>
      </h1>
      <p className="muted">
        {describe(filter, search, thresholds)}: {figure(total)} of {figure(counts.lookedAfter)} children.
      </p>
      <div className="print-counts">
        <table className="table compact" aria-label="Permanence status">
          <caption>Permanence status</caption>
          <tbody>
            {tiles.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{figure(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table compact" aria-label="No decision or oversight, by legal status">
          <caption>No decision or oversight, by legal status</caption>
          <tbody>
            {legalStatusGroups.map((g) => (
              <tr key={g}>
                <th scope="row">{groupLabels[g]}</th>
                <td className="num">{figure(counts.noDecisionByLegalStatus[g])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="table compact" aria-label="Drift">
          <caption>Drift</caption>
          <tbody>
            {driftCodes.map((d) => (
              <tr key={d}>
                <th scope="row">{driftLabel(d, thresholds)}</th>
                <td className="num">{figure(driftCounts[d])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tooMany ? (
        <p className="notice" role="status">
          {figure(total)} children would fill about {figure(Math.ceil(total / 40))} pages, so the list of children is left out; the counts above are complete.
          To print the list, narrow it on the tracker to {figure(largestPrint)} or fewer (a tile or a search), or use Export to Excel there, which holds every
          child.
        </p>
      ) : (
        <table className="table print-rows" aria-label="Children on the tracker">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col">Age</th>
              <th scope="col">Legal status</th>
              <th scope="col">Placement</th>
              <th scope="col">Provider</th>
              <th scope="col">Carer</th>
              <th scope="col">Entered care</th>
              <th scope="col">In placement</th>
              <th scope="col">Placements (12m)</th>
              <th scope="col">Permanence</th>
              <th scope="col">Last panel</th>
              <th scope="col">Next action</th>
              <th scope="col">Drift</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.childId}>
                <td>{r.name}</td>
                <td>{r.childId}</td>
                <td className="num">{r.age ?? ''}</td>
                <td>
                  {r.legalStatusGroup}
                  {r.ls ? ` (${r.ls})` : ''}
                </td>
                <td>{placementName(r.placement)}</td>
                <td>{providerName(r.placementProvider)}</td>
                <td>{r.carer ?? ''}</td>
                <td>{ukDate(r.periodStart)}</td>
                <td>{duration(r.placementStart, asOf)}</td>
                <td className="num">{r.placementsLast12Months}</td>
                <td className={`status-${r.status}`}>{statusLabels[r.status]}</td>
                <td>{ukDate(r.lastPanelDate)}</td>
                <td>
                  {r.nextAction ?? ''}
                  {r.nextAction && r.nextActionDue ? ` (due ${ukDate(r.nextActionDue)})` : ''}
                </td>
                <td>{r.drift.map((d) => driftLabel(d, thresholds)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
