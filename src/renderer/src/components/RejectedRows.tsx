import type { ReactNode } from 'react'
import type { RowIssue } from '../../../shared/api'

/** The rows an import would not take, each with its file, row, column, value and reason. */
export function RejectedRows({ rows, label }: { rows: readonly RowIssue[]; label: string }): ReactNode {
  if (rows.length === 0) return null
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th>File</th>
          <th>Row</th>
          <th>Column</th>
          <th>Value</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.file}</td>
            <td>{r.row}</td>
            <td>{r.column}</td>
            <td>{r.value}</td>
            <td>{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
