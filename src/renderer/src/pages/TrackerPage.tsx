import type { ColDef, GridApi } from 'ag-grid-community'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  carePlanLabels,
  driftCodes,
  driftLabel,
  type CarePlanKind,
  figureLabels,
  groupLabels,
  legalStatusGroups,
  statusLabels,
  trackerSortColumns,
  type DriftThresholds,
  type TrackerGridRow,
  type TrackerSortColumn,
  type TrackerSummary,
  type TrackerViewDefinition
} from '../../../shared/api'
import { callApi, useCall } from '../api'
import { useDebounced } from '../useDebounced'
import { DateField } from '../components/DateField'
import { PagedGrid, type PageRequest } from '../components/PagedGrid'
import { gridSortTerms, sortFromParam, sortToParam } from '../components/grid-sort'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { href } from '../router'
import { useGridExport } from '../useGridExport'
import { placementName, providerName } from './tracker/codes'
import { ukDate } from '../../../shared/days'
import { duration } from './tracker/dates'
import { trackerQuery, type TrackerFilter } from './tracker/filters'
import { FlagTiles } from './tracker/FlagTiles'
import { Tile } from './tracker/Tile'
import { DriftSettings, SavedViews } from './tracker/TrackerControls'

// The trend (chart.js and twelve months of counts) loads after the grid's first rows.
const TrendChart = lazy(async () => ({ default: (await import('./tracker/TrendChart')).TrendChart }))

const dateColumn = (field: keyof TrackerGridRow, headerName: string, width = 130): ColDef<TrackerGridRow> => ({
  field,
  headerName,
  width,
  // ISO strings sort correctly; show them the UK way.
  valueFormatter: (p) => ukDate(p.value as string | null)
})

/** The child's page on the tracker's date. */
const childLink = (childId: string, asOf: string): string => `${href('child', childId)}?asOf=${asOf}`

/** The tracker grid's columns on `asOf` (exported for tests). */
export function columnsFor(asOf: string, thresholds: DriftThresholds): ColDef<TrackerGridRow>[] {
  return [
    {
      field: 'name',
      headerName: 'Name',
      pinned: 'left',
      width: 190,
      // A plain element: the paged grid draws its cells itself, without React.
      cellRenderer: (p: { data?: TrackerGridRow; value: string }) => {
        if (!p.data) return ''
        const link = document.createElement('a')
        link.href = childLink(p.data.childId, asOf)
        link.textContent = p.value
        return link
      }
    },
    { field: 'childId', headerName: 'ID', width: 135 },
    { field: 'age', headerName: 'Age', width: 80, type: 'numericColumn' },
    {
      field: 'legalStatusGroup',
      headerName: 'Legal status',
      width: 140,
      // A row still loading has no data: blank, not "undefined".
      valueFormatter: (p) => (p.data ? `${p.data.legalStatusGroup}${p.data.ls ? ` (${p.data.ls})` : ''}` : '')
    },
    { field: 'placement', headerName: 'Placement', width: 190, valueFormatter: (p) => placementName(p.value as string | null) },
    { field: 'placementProvider', headerName: 'Provider', width: 150, valueFormatter: (p) => providerName(p.value as string | null) },
    { field: 'carer', headerName: 'Carer', width: 240 },
    dateColumn('carersSince', 'With carers since'),
    {
      field: 'carePlan',
      headerName: 'Care plan',
      width: 190,
      valueFormatter: (p) =>
        p.value ? `${carePlanLabels[p.value as CarePlanKind]}${p.data?.carePlanConfirmed ? ` (confirmed ${ukDate(p.data.carePlanConfirmed)})` : ''}` : ''
    },
    dateColumn('periodStart', 'Entered care'),
    {
      colId: 'timeInPlacement',
      headerName: 'In placement',
      width: 120,
      valueGetter: (p) => p.data?.placementStart ?? '',
      valueFormatter: (p) => duration((p.value as string) || null, asOf),
      headerTooltip: 'Time in the current placement on the tracker date'
    },
    { field: 'placementsLast12Months', headerName: 'Placements (12m)', width: 140, type: 'numericColumn' },
    {
      field: 'status',
      headerName: 'Permanence',
      width: 130,
      valueFormatter: (p) => (p.value ? statusLabels[p.value as TrackerGridRow['status']] : ''),
      cellClass: (p) => `status-${p.value as string}`
    },
    dateColumn('lastPanelDate', 'Last panel'),
    {
      field: 'nextAction',
      headerName: 'Next action',
      width: 260,
      valueFormatter: (p) => (p.value ? `${p.value as string}${p.data?.nextActionDue ? ` (due ${ukDate(p.data.nextActionDue)})` : ''}` : '')
    },
    {
      field: 'drift',
      headerName: 'Drift',
      width: 280,
      valueFormatter: (p) => ((p.value ?? []) as TrackerGridRow['drift']).map((d) => driftLabel(d, thresholds)).join('; ')
    }
  ]
}

/** Every looked-after child on a date, their permanence status, and who is drifting. */
interface TrackerPageProps {
  initialDate?: string | null
  /** From the address, so going back from a child restores the tracker as it was left. */
  initialFilter?: TrackerFilter
  initialSearch?: string
  /** The address's `sort` parameter, e.g. `age.desc`. */
  initialSort?: string | null
}

export function TrackerPage({ initialDate, initialFilter = {}, initialSearch = '', initialSort = null }: TrackerPageProps): ReactNode {
  const info = useCall('appInfo', {})
  const [picked, setPicked] = useState<string | null>(initialDate ?? null)
  const asOf = picked ?? info.data?.today ?? null
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!asOf) return <Loading what="the tracker" />
  return <Tracker asOf={asOf} onDate={setPicked} initialFilter={initialFilter} initialSearch={initialSearch} initialSort={initialSort} />
}

function Tracker({
  asOf,
  onDate,
  initialFilter,
  initialSearch,
  initialSort
}: {
  asOf: string
  onDate: (d: string) => void
  initialFilter: TrackerFilter
  initialSearch: string
  initialSort: string | null
}): ReactNode {
  // The grid's rows come first: the tiles count every looked-after child and the trend counts
  // every month, which take longer, so they are asked for once the grid's first block is in
  // (the database answers one call at a time).
  const [gridAnswered, setGridAnswered] = useState(false)
  const summary = useCall('trackerSummary', { asOf }, { enabled: gridAnswered })
  const drift = useCall('getDriftThresholds', {})
  const [filter, setFilter] = useState<TrackerFilter>(initialFilter)
  const [search, setSearch] = useState(initialSearch)
  const [openingSort] = useState(() => sortFromParam(initialSort, trackerSortColumns))
  const [sort, setSort] = useState(openingSort)
  const query = trackerQuery(asOf, filter, search)
  useEffect(() => {
    // Replace, not push: the address follows the filters without a history entry per click
    // (and without a hashchange, so the page is not redrawn).
    window.history.replaceState(window.history.state, '', `${href('tracker')}?${query}${sort ? `&sort=${sortToParam(sort)}` : ''}`)
  }, [query, sort])
  const exporter = useGridExport()
  const [matching, setMatching] = useState<number | null>(null)
  const grid = useRef<GridApi<TrackerGridRow> | null>(null)
  const thresholds = drift.data
  const columns = useMemo(() => (thresholds ? columnsFor(asOf, thresholds) : []), [asOf, thresholds])
  // The query runs as typing pauses, not at every key.
  const searched = useDebounced(search, 250)
  const fetchPage = useCallback(
    async (request: PageRequest<TrackerSortColumn>) => await callApi('trackerPage', { asOf, filters: filter, search: searched, ...request }),
    [asOf, filter, searched]
  )
  // The thresholds decide the drift filters: saving new ones asks again.
  const gridKey = JSON.stringify([asOf, filter, searched, thresholds])

  const currentDefinition = (): TrackerViewDefinition => {
    const sorted = grid.current?.getColumnState().find((c) => c.sort)
    return {
      ...filter,
      ...(search ? { search } : {}),
      ...(sorted?.sort ? { sort: { column: sorted.colId, direction: sorted.sort } } : {})
    }
  }
  const applyDefinition = (d: TrackerViewDefinition): void => {
    setFilter({ statuses: d.statuses, groups: d.groups, drift: d.drift, flags: d.flags })
    setSearch(d.search ?? '')
    grid.current?.applyColumnState({ state: d.sort ? [{ colId: d.sort.column, sort: d.sort.direction }] : [], defaultState: { sort: null } })
  }
  // The workbook holds every row the grid does, not just the pages seen, in the grid's order.
  const exportWorkbook = (): Promise<void> =>
    exporter.run(() => callApi('exportTracker', { asOf, filters: filter, search: searched, sort: gridSortTerms(grid.current, trackerSortColumns) }))

  return (
    <section className="tracker-page">
      <h1>
        Permanence tracker <span className="muted">on {ukDate(asOf)}</span>
      </h1>
      {/* The page's tiles are buttons and its grid reads a screen of rows at a time: neither prints. */}
      <p className="print-only">
        The counts and the list of children are laid out for the screen: the page's Print view (beside Export to Excel) prints every count and every child in
        the list, filtered and sorted as on screen.
      </p>
      <div className="toolbar">
        <DateField id="tracker-date" label="Date" value={asOf} onChange={(v) => v && onDate(v)} />
        <label>
          Search{' '}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, ID, carer…" aria-label="Search the tracker" />
        </label>
        <button type="button" onClick={() => void exportWorkbook()} disabled={!thresholds || exporter.preparing}>
          Export to Excel
        </button>
        {/* The grid draws only the rows and columns on screen: print from a plain table of them all. */}
        <a className="button" href={`${href('tracker-print')}?${query}${sort ? `&sort=${sortToParam(sort)}` : ''}`}>
          Print view
        </a>
        {exporter.status && <span role="status">{exporter.status}</span>}
      </div>
      {summary.error || drift.error ? (
        <ErrorState error={(summary.error ?? drift.error)!} onRetry={summary.error ? summary.reload : drift.reload} />
      ) : summary.data?.counts.lookedAfter === 0 ? (
        <EmptyState title={`No child was looked after on ${ukDate(asOf)}.`}>
          Choose another date, or import an SSDA903 return from Import &amp; export.
        </EmptyState>
      ) : !thresholds ? (
        <Loading what="the tracker" />
      ) : (
        <>
          {summary.data ? <SummaryTiles summary={summary.data} filter={filter} onPick={setFilter} /> : <Loading what="the counts" />}
          <DriftSettings thresholds={thresholds} />
          <SavedViews current={currentDefinition} onApply={(v) => applyDefinition(v.definition)} />
          {matching === 0 && summary.data && (
            <EmptyState title="No children match these filters.">
              <button type="button" onClick={() => setFilter({})}>
                Show all looked-after children
              </button>
            </EmptyState>
          )}
          <PagedGrid
            columns={columns}
            label="Permanence tracker"
            onPaper="Print view prints every child in it, filtered and sorted as on screen."
            sortable={trackerSortColumns}
            fetchPage={fetchPage}
            queryKey={gridKey}
            onTotal={(n) => {
              setMatching(n)
              setGridAnswered(true)
            }}
            onFailure={() => setGridAnswered(true)}
            getRowId={(r) => r.childId}
            onRowOpen={(r) => (window.location.hash = childLink(r.childId, asOf))}
            onReady={(api) => (grid.current = api)}
            initialSort={openingSort}
            onSortChange={setSort}
          />
          {gridAnswered && (
            <Suspense fallback={<Loading what="the trend" />}>
              <TrendChart asOf={asOf} />
            </Suspense>
          )}
        </>
      )}
    </section>
  )
}

/** The tracker's count tiles on the date; each picks the grid's filter. */
function SummaryTiles({ summary, filter, onPick }: { summary: TrackerSummary; filter: TrackerFilter; onPick: (f: TrackerFilter) => void }): ReactNode {
  return (
    <>
      <div className="tiles" aria-label="Permanence status" data-testid="status-tiles">
        <Tile name="all" label="looked after" count={summary.counts.lookedAfter} filter={{}} current={filter} onPick={() => onPick({})} />
        <Tile
          name="agreed"
          label={statusLabels.agreed}
          count={summary.counts.permanence.agreed}
          filter={{ statuses: ['agreed'] }}
          current={filter}
          onPick={onPick}
          tone="ok"
        />
        <Tile
          name="not_agreed"
          label={statusLabels.not_agreed}
          count={summary.counts.permanence.notAgreed}
          filter={{ statuses: ['not_agreed'] }}
          current={filter}
          onPick={onPick}
          tone="danger"
        />
        <Tile
          name="oversight"
          label={`${statusLabels.oversight}, of which ${summary.flagCounts.oversight_review_overdue} review overdue`}
          count={summary.counts.permanence.oversight}
          filter={{ statuses: ['oversight'] }}
          current={filter}
          onPick={onPick}
        />
        <Tile
          name="none"
          label={`None (${figureLabels.noDecisionNoOversight})`}
          count={summary.counts.permanence.none}
          filter={{ statuses: ['none'] }}
          current={filter}
          onPick={onPick}
          tone="warn"
        />
      </div>
      <h2>No panel decision and no oversight, by legal status</h2>
      <div className="tiles small" data-testid="no-decision-tiles">
        {legalStatusGroups.map((g) => (
          <Tile
            key={g}
            name={`none-${g}`}
            label={groupLabels[g]}
            count={summary.counts.noDecisionByLegalStatus[g]}
            filter={{ statuses: ['none'], groups: [g] }}
            current={filter}
            onPick={onPick}
          />
        ))}
      </div>
      <FlagTiles counts={summary.flagCounts} current={filter} onPick={onPick} />
      <h2>Drift</h2>
      <div className="tiles small" data-testid="drift-tiles">
        {driftCodes.map((d) => (
          <Tile
            key={d}
            name={d}
            label={driftLabel(d, summary.thresholds)}
            count={summary.driftCounts[d]}
            filter={{ drift: [d] }}
            current={filter}
            onPick={onPick}
            tone="warn"
          />
        ))}
      </div>
    </>
  )
}
