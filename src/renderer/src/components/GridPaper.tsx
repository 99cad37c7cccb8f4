import type { Column, GridApi } from 'ag-grid-community'
import type { ReactNode } from 'react'

/** A grid's rows as printed: its columns' headings and every row's cells as the screen writes them. */
export interface Paper {
  /** `share`: the column's part of the grid's width on screen, so a long text in one row does not squeeze the others. */
  columns: { id: string; heading: string; numeric: boolean; share: number }[]
  rows: { id: string; cells: string[] }[]
}

/** A column that holds a value (a field or a valueGetter), not only controls drawn by a cellRenderer. */
const holdsValue = (column: Column): boolean => {
  const def = column.getColDef()
  return def.field !== undefined || def.valueGetter !== undefined
}

/** The grid's displayed columns that hold a value, and how paper heads them. */
export function paperColumns<T>(api: GridApi<T>): { shown: Column[]; heads: Paper['columns'] } {
  const shown = api.getAllDisplayedColumns().filter(holdsValue)
  const width = shown.reduce((sum, column) => sum + column.getActualWidth(), 0)
  return {
    shown,
    heads: shown.map((column) => ({
      id: column.getColId(),
      share: column.getActualWidth() / width,
      heading: api.getDisplayNameForColumn(column, 'header'),
      numeric: [column.getColDef().type ?? []].flat().includes('numericColumn')
    }))
  }
}

/** A grid's rows on paper: a plain table under the grid's headings, which print styles repeat on each page (styles.css, "A grid on paper"). */
export function PaperTable({ paper, label }: { paper: Paper; label: string }): ReactNode {
  return (
    <table className="table grid-paper" aria-label={label}>
      <colgroup>
        {paper.columns.map((c) => (
          <col key={c.id} style={{ width: `${(c.share * 100).toFixed(1)}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {paper.columns.map((c) => (
            <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined}>
              {c.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {paper.rows.map((r) => (
          <tr key={r.id}>
            {r.cells.map((text, i) => (
              <td key={paper.columns[i]!.id} className={paper.columns[i]!.numeric ? 'num' : undefined}>
                {text}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
