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
  type TrackerGridRow
} from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../router'
import { placementName, providerName } from './codes'
import { duration } from './dates'
import { applyFilter } from '../../../../shared/tracker-filter'
import { trackerQuery, type TrackerFilter } from './filters'

/**
 * The grid's quick filter, for print: every word typed must appear somewhere in the row's
 * text as shown (names, codes and their meanings, status, next action).
 */
function matchesSearch(row: TrackerGridRow, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const shown = [
    row.name,
    row.childId,
    row.carer,
    row.ls,
    row.legalStatusGroup,
    row.placement,
    placementName(row.placement),
    providerName(row.placementProvider),
    statusLabels[row.status],
    row.nextAction
  ]
  const text = shown.filter(Boolean).join(' ').toLowerCase()
  return words.every((w) => text.includes(w))
}

function describe(filter: TrackerFilter, search: string): string {
  const parts = [
    filter.statuses?.length ? `permanence ${filter.statuses.map((s) => statusLabels[s]).join(' or ')}` : '',
    filter.groups?.length ? `legal status ${filter.groups.map((g) => groupLabels[g]).join(' or ')}` : '',
    filter.drift?.length ? `drifting (${filter.drift.length} flag${filter.drift.length > 1 ? 's' : ''})` : '',
    filter.flags?.length ? `flagged ${filter.flags.map((f) => `“${trackerFlagLabels[f]}”`).join(' and ')}` : '',
    search ? `matching “${search}”` : ''
  ].filter(Boolean)
  return parts.length ? `Children ${parts.join(', ')}` : 'Every looked-after child'
}

/**
 * The tracker laid out for paper: every count tile and every column of every (filtered)
 * child, as a plain table on landscape A4, since the grid only draws what is on screen.
 */
export function TrackerPrintPage({ asOf, filter, search }: { asOf: string | null; filter: TrackerFilter; search: string }): ReactNode {
  const info = useCall('appInfo', {})
  const date = asOf ?? info.data?.today
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!date) return <Loading what="the tracker" />
  return <PrintView asOf={date} filter={filter} search={search} />
}

function PrintView({ asOf, filter, search }: { asOf: string; filter: TrackerFilter; search: string }): ReactNode {
  const view = useCall('trackerView', { asOf })
  const rows = useMemo(() => (view.data ? applyFilter(view.data.rows, filter).filter((r) => matchesSearch(r, search)) : []), [view.data, filter, search])
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />
  if (!view.data) return <Loading what="the tracker" />
  const { counts, driftCounts, thresholds } = view.data
  const tiles: [string, number][] = [
    ['Looked after', counts.lookedAfter],
    [statusLabels.agreed, counts.permanence.agreed],
    [statusLabels.not_agreed, counts.permanence.notAgreed],
    [statusLabels.oversight, counts.permanence.oversight],
    [`None (${figureLabels.noDecisionNoOversight})`, counts.permanence.none],
    ...trackerFlags.map((f): [string, number] => [trackerFlagLabels[f], view.data!.flagCounts[f]])
  ]
  return (
    <section className="tracker-print">
      <div className="toolbar no-print">
        <a href={`${href('tracker')}?${trackerQuery(asOf, filter, search)}`}>Back to the tracker</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h1>
        Permanence tracker <span className="muted">on {ukDate(asOf)}</span>
      </h1>
      <p className="muted">
        {describe(filter, search)}: {rows.length.toLocaleString('en-GB')} of {counts.lookedAfter.toLocaleString('en-GB')} children.
      </p>
      <div className="print-counts">
        <table className="table compact" aria-label="Permanence status">
          <caption>Permanence status</caption>
          <tbody>
            {tiles.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{n.toLocaleString('en-GB')}</td>
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
                <td className="num">{counts.noDecisionByLegalStatus[g].toLocaleString('en-GB')}</td>
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
                <td className="num">{driftCounts[d].toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
    </section>
  )
}
