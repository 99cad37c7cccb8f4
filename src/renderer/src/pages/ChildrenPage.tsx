import type { ColDef, GridApi } from 'ag-grid-community'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { ChildSummary } from '../../../shared/api'
import { childrenColumnLabels as label, childrenListWords, childrenSortColumns } from '../../../shared/contract/children'
import { codeWithMeaning } from '../../../shared/ssda903-codes'
import { callApi, useCall } from '../api'
import { ukDateCell } from '../components/Grid'
import { PagedGrid, type PageRequest } from '../components/PagedGrid'
import { gridSortTerms, sortFromParam, sortToParam, type GridSort } from '../components/grid-sort'
import { EmptyState } from '../components/States'
import { href, navigate } from '../router'
import { useDebounced } from '../useDebounced'
import { useGridExport } from '../useGridExport'
import { placementName, providerName } from './tracker/codes'
import { largestPrint } from '../../../shared/contract/paging'
import { ukDate } from '../../../shared/days'
import { countOf } from '../../../shared/plural'

/** The children grid's columns, headed as its workbook heads them; a row still loading has no data and shows blank cells. */
export const childrenColumns: ColDef<ChildSummary>[] = [
  { field: 'childId', headerName: label.childId, width: 130, pinned: 'left' },
  { field: 'name', headerName: label.name, flex: 1, minWidth: 180 },
  { field: 'sex', headerName: label.sex, width: 80 },
  { field: 'dob', headerName: label.dob, width: 130, valueFormatter: ukDateCell },
  { field: 'lookedAfter', headerName: label.lookedAfter, width: 130, cellDataType: 'text', valueFormatter: (p) => (p.data ? (p.value ? 'Yes' : 'No') : '') },
  // The 903 codes, as a data officer reads them in the return; hovering one shows its meaning.
  { field: 'legalStatus', headerName: label.legalStatus, width: 120, tooltipValueGetter: (p) => codeWithMeaning('LS', p.value as string | null) },
  { field: 'placement', headerName: label.placement, width: 110, tooltipValueGetter: (p) => placementName(p.value as string | null) },
  { field: 'placementProvider', headerName: label.placementProvider, width: 110, tooltipValueGetter: (p) => providerName(p.value as string | null) },
  { field: 'carer', headerName: label.carer, flex: 1, minWidth: 200 },
  { field: 'episodes', headerName: label.episodes, width: 110, type: 'numericColumn' }
]

/** The address of the list as filtered, so going back from a child finds it as it was left. */
type ChildrenSort = GridSort<(typeof childrenSortColumns)[number]>

const childrenQuery = (lookedAfterOnly: boolean, search: string, sort: ChildrenSort | null): string =>
  new URLSearchParams([
    ...(lookedAfterOnly ? [] : [['all', '1']]),
    ...(search ? [['q', search]] : []),
    ...(sort ? [['sort', sortToParam(sort)]] : [])
  ]).toString()

export function ChildrenPage({
  initialLookedAfterOnly = true,
  initialSearch = '',
  initialSort = null
}: {
  initialLookedAfterOnly?: boolean
  initialSearch?: string
  /** The address's `sort` parameter, e.g. `dob.desc`. */
  initialSort?: string | null
}): ReactNode {
  const [openingSort] = useState(() => sortFromParam(initialSort, childrenSortColumns))
  const [lookedAfterOnly, setLookedAfterOnly] = useState(initialLookedAfterOnly)
  const [search, setSearch] = useState(initialSearch)
  const [sort, setSort] = useState(openingSort)
  const [total, setTotal] = useState<number | null>(null)
  // The query runs as typing pauses, not at every key.
  const searched = useDebounced(search, 250)
  const query = childrenQuery(lookedAfterOnly, searched, sort)
  useEffect(() => {
    // Replace, not push (as the tracker does): no history entry per keystroke, and no hashchange to redraw the page.
    window.history.replaceState(window.history.state, '', `${href('children')}${query ? `?${query}` : ''}`)
  }, [query])
  const fetchPage = useCallback(
    async (request: PageRequest<(typeof childrenSortColumns)[number]>) =>
      await callApi('childrenPage', { filters: { lookedAfterOnly }, search: searched, ...request }),
    [lookedAfterOnly, searched]
  )
  const today = useCall('appInfo', {}).data?.today
  const grid = useRef<GridApi<ChildSummary> | null>(null)
  const exporter = useGridExport()
  // Every child the grid holds, not just the rows seen, in the order its headers show.
  const exportWorkbook = (): Promise<void> =>
    exporter.run(() => callApi('exportChildren', { filters: { lookedAfterOnly }, search: searched, sort: gridSortTerms(grid.current, childrenSortColumns) }))
  return (
    <section className="children-page">
      <h1>Children</h1>
      <p className="print-only">
        {childrenListWords(lookedAfterOnly, searched)}
        {total !== null && `: ${countOf(total, 'child', 'children')}`}.{today && ` Printed on ${ukDate(today)}.`}
      </p>
      <div className="toolbar">
        <label>
          Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or ID" aria-label="Search children" />
        </label>
        <label>
          <input type="checkbox" checked={lookedAfterOnly} onChange={(e) => setLookedAfterOnly(e.target.checked)} /> Currently looked after only
        </label>
        {/* The desktop app has no Print in its menu: without this the list could not be printed there. */}
        <button type="button" onClick={() => window.print()} disabled={!total}>
          Print list
        </button>
        <button type="button" onClick={() => void exportWorkbook()} disabled={!total || exporter.preparing}>
          Export to Excel
        </button>
        {exporter.status && <span role="status">{exporter.status}</span>}
      </div>
      {total === 0 &&
        (searched ? (
          <EmptyState title={`No child matches “${searched}”.`}>Search by part of a child ID, given name or family name.</EmptyState>
        ) : (
          <EmptyState title="No children yet.">
            Import an SSDA903 return from Import &amp; export, or start from the demo data set (npx permanence demo).
          </EmptyState>
        ))}
      <PagedGrid
        columns={childrenColumns}
        label="Children"
        printsUpTo={largestPrint}
        onPaper="To print the list here, narrow it with Search or Currently looked after only. Export to Excel (beside Print list) lists every child in it, in this order, in a workbook; for every child looked after on a date, the Permanence tracker's Print view prints them."
        sortable={childrenSortColumns}
        fetchPage={fetchPage}
        queryKey={JSON.stringify([lookedAfterOnly, searched])}
        onTotal={setTotal}
        initialSort={openingSort}
        onSortChange={setSort}
        getRowId={(c) => c.childId}
        onRowOpen={(c) => navigate('child', c.childId)}
        onReady={(api) => (grid.current = api)}
      />
    </section>
  )
}
