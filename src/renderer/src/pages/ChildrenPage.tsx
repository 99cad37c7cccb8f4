import type { ColDef } from 'ag-grid-community'
import { useState, type ReactNode } from 'react'
import type { ChildSummary } from '../../../shared/api'
import { useCall } from '../api'
import { Grid, ukDateCell } from '../components/Grid'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { navigate } from '../router'

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
  const children = useCall('listChildren', { lookedAfterOnly })
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
      {children.error ? (
        <ErrorState error={children.error} onRetry={children.reload} />
      ) : !children.data ? (
        <Loading what="children" />
      ) : children.data.length === 0 ? (
        <EmptyState title="No children yet.">Import an SSDA903 return from Import &amp; export, or start from the demo data set (npx permanence demo).</EmptyState>
      ) : (
        <Grid rows={children.data} columns={columns} label="Children" getRowId={(c) => c.childId} quickFilter={search} onRowOpen={(c) => navigate('child', c.childId)} />
      )}
    </section>
  )
}
