import { NumberEditorModule, type ColDef } from 'ag-grid-community'
import { useMemo, useState, type ReactNode } from 'react'
import type { PlacementOption, UnitCostRow } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { callApi, useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { Grid, ukDateCell } from '../../components/Grid'
import { ErrorState, Loading } from '../../components/States'
import { gbp } from './format'
import { UnitCostImport } from './UnitCostImport'

/**
 * The unit costs in force on a date. Editing a weekly cost records a new effective-dated
 * cost from the date and source above the grid (audited); the old cost stays in history.
 */
export function UnitCostTable({ today }: { today: string }): ReactNode {
  const [asOf, setAsOf] = useState(today)
  const [effectiveFrom, setEffectiveFrom] = useState(today)
  const [source, setSource] = useState('')
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const costs = useCall('listUnitCosts', { asOf })
  // The grid writes an edit into its row object: it gets copies, so the cached costs stay as stored,
  // and a refused edit is put back by handing it fresh copies (`reverted`).
  const [reverted, setReverted] = useState(0)
  const rows = useMemo(() => costs.data?.map((r) => ({ ...r })), [costs.data, reverted])
  const [historyFor, setHistoryFor] = useState<PlacementOption | null>(null)

  const columns: ColDef<UnitCostRow>[] = [
    { field: 'optionCode', headerName: 'Option', width: 190 },
    { field: 'label', headerName: 'Placement', flex: 1, minWidth: 220, tooltipField: 'label' },
    {
      field: 'weekly',
      headerName: 'Weekly £ (edit)',
      width: 170,
      type: 'numericColumn',
      editable: true,
      cellDataType: 'number',
      valueFormatter: (p) => gbp(p.value as number),
      cellClass: 'editable-cell'
    },
    { field: 'annual', headerName: 'Annual £', width: 140, type: 'numericColumn', valueFormatter: (p) => gbp(p.value as number) },
    { field: 'effectiveFrom', headerName: 'Effective from', width: 130, valueFormatter: ukDateCell },
    {
      field: 'isAssumption',
      headerName: 'Status',
      width: 130,
      cellDataType: 'text',
      valueFormatter: (p) => (p.value ? 'ASSUMPTION' : 'Published'),
      cellClassRules: { 'assumption-cell': (p) => p.value === true }
    },
    { field: 'source', headerName: 'Source', flex: 1, minWidth: 260, tooltipField: 'source' }
  ]

  const save = async (row: UnitCostRow, weekly: number): Promise<void> => {
    if (!source.trim()) {
      setMessage({ kind: 'error', text: 'Give the source of the new cost (e.g. "Finance budget book 2020-21") before editing.' })
      setReverted((n) => n + 1)
      return
    }
    try {
      await callApi('setUnitCost', { optionCode: row.optionCode, weekly, effectiveFrom, source: source.trim() })
      setMessage({ kind: 'ok', text: `${row.optionCode} is now ${gbp(weekly)} a week from ${ukDate(effectiveFrom)}.` })
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
      setReverted((n) => n + 1)
    }
  }

  return (
    <section aria-labelledby="unit-costs-title" className="no-print">
      <h2 id="unit-costs-title">Unit costs</h2>
      <div className="toolbar">
        <DateField id="unit-costs-as-of" label="Costs in force on" value={asOf} onChange={(v) => v && setAsOf(v)} />
        <DateField id="unit-costs-effective-from" label="Edits take effect from" value={effectiveFrom} onChange={(v) => v && setEffectiveFrom(v)} />
        <label>
          Source of edits{' '}
          <input type="text" value={source} onChange={(e) => setSource(e.target.value)} placeholder="e.g. Finance budget book 2020-21" size={32} />
        </label>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'ok-text'}>
          {message.text}
        </p>
      )}
      {costs.error ? (
        <ErrorState error={costs.error} onRetry={costs.reload} />
      ) : !rows ? (
        <Loading what="unit costs" />
      ) : (
        <Grid
          rows={rows}
          columns={columns}
          label="Unit costs"
          getRowId={(r) => r.optionCode}
          height={13 * 32 + 52}
          modules={[NumberEditorModule]}
          onCellValueChanged={(row, value) => void save(row, Number(value))}
          onRowOpen={(row) => setHistoryFor(row.optionCode)}
        />
      )}
      {historyFor && <CostHistory optionCode={historyFor} onClose={() => setHistoryFor(null)} />}
      <p className="muted small">
        ART hub and MFP have no published unit cost: their rows are the council&apos;s stated assumptions (ART hub: whole-hub running cost; MFP: per unit of up
        to 3 places). Change them here or per scenario. Double-click a row (or press Enter) for its history.
      </p>
      <UnitCostImport effectiveFrom={effectiveFrom} source={source} />
    </section>
  )
}

/** Every effective-dated cost of one option, newest first. */
function CostHistory({ optionCode, onClose }: { optionCode: PlacementOption; onClose: () => void }): ReactNode {
  const history = useCall('unitCostHistory', { optionCode })
  return (
    <div className="history" role="region" aria-label={`${optionCode} cost history`}>
      <div className="toolbar">
        <strong>{optionCode}: cost history</strong>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {history.error ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <Loading what="history" />
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>Effective from</th>
              <th className="num">Weekly</th>
              <th className="num">Annual</th>
              <th>Source</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.id}>
                <td>{ukDate(h.effectiveFrom)}</td>
                <td className="num">{gbp(h.weekly)}</td>
                <td className="num">{gbp(h.annual)}</td>
                <td>{h.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
