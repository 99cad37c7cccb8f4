import type { ColDef } from 'ag-grid-community'
import { useCallback, useState, type ReactNode } from 'react'
import type { ChildSummary } from '../../../shared/api'
import { childrenSortColumns } from '../../../shared/contract/children'
import { callApi } from '../api'
import { ukDateCell } from '../components/Grid'
import { PagedGrid, type PageRequest } from '../components/PagedGrid'
import { EmptyState } from '../components/States'
import { navigate } from '../router'
import { useDebounced } from '../useDebounced'

const columns: ColDef<ChildSummary>[] = [
  { field: 'childId', headerName: 'ID', width: 130, pinned: 'left' },
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 180 },
  { field: 'sex', headerName: 'Sex', width: 80 },
  { field: 'dob', headerName: 'Date of birth', width: 130, valueFormatter: ukDateCell },
  { field: 'lookedAfter', headerName: 'Looked after', width: 130, cellDataType: 'text', valueFormatter: (p) => (p.value ? 'Yes' : 'No') },
  { field: 'legalStatus', headerName: 'Legal status', width: 120 },
  { field: 'placement', headerName: 'Placement', width: 110 },
  { field: 'placementProvider', headerName: 'Provider', width: 110 },
  { field: 'carer', headerName: 'Carer', flex: 1, minWidth: 200 },
  { field: 'episodes', headerName: 'Episodes', width: 110, type: 'numericColumn' }
]

export function ChildrenPage(): ReactNode {
  const [lookedAfterOnly, setLookedAfterOnly] = useState(true)
  const [search, setSearch] = useState('')
  const [total, setTotal] = useState<number | null>(null)
  // The query runs as typing pauses, not at every key.
  const searched = useDebounced(search, 250)
  const fetchPage = useCallback(
    async (request: PageRequest<(typeof childrenSortColumns)[number]>) =>
      await callApi('childrenPage', { filters: { lookedAfterOnly }, search: searched, ...request }),
    [lookedAfterOnly, searched]
  )
  return (
    <section>
      <h1>Children</h1>
      <div className="toolbar">
        <label>
          Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or ID" aria-label="Search children" />
        </label>
        <label>
          <input type="checkbox" checked={lookedAfterOnly} onChange={(e) => setLookedAfterOnly(e.target.checked)} /> Currently looked after only
        </label>
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
        columns={columns}
        label="Children"
        sortable={childrenSortColumns}
        fetchPage={fetchPage}
        queryKey={JSON.stringify([lookedAfterOnly, searched])}
        onTotal={setTotal}
        getRowId={(c) => c.childId}
        onRowOpen={(c) => navigate('child', c.childId)}
      />
    </section>
  )
}
