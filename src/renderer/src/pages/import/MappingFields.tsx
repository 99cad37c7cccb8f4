import type { ReactNode } from 'react'
import { fileDateFormats } from '../../../../shared/api'
import type { MappingColumn } from './mappingColumns'

export type FileDateFormat = (typeof fileDateFormats)[number]

interface ColumnSelectsProps<F extends string> {
  columns: readonly MappingColumn<F>[]
  /** The file's headings, as the preview read them. */
  headers: readonly string[]
  chosen: Partial<Record<F, string>>
  onChange: (chosen: Partial<Record<F, string>>) => void
  /** Each page words its own labels: what follows the column's name, and the control's accessible name. */
  describe: (column: MappingColumn<F>) => { suffix: string; ariaLabel: string }
}

/** One choice of heading per field of a mapping ("—" leaves it unmapped). */
export function ColumnSelects<F extends string>({ columns, headers, chosen, onChange, describe }: ColumnSelectsProps<F>): ReactNode {
  return columns.map((column) => {
    const { field, label } = column
    const { suffix, ariaLabel } = describe(column)
    return (
      <label key={field}>
        {label}
        {suffix}{' '}
        <select aria-label={ariaLabel} value={chosen[field] ?? ''} onChange={(e) => onChange({ ...chosen, [field]: e.target.value || undefined })}>
          <option value="">—</option>
          {headers.filter(Boolean).map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      </label>
    )
  })
}

/** How the file writes its dates, where a cell is text rather than a date. */
export function DateFormatSelect({
  ariaLabel,
  value,
  onChange
}: {
  ariaLabel: string
  value: FileDateFormat
  onChange: (format: FileDateFormat) => void
}): ReactNode {
  return (
    <label>
      Dates typed as{' '}
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value as FileDateFormat)}>
        {fileDateFormats.map((f) => (
          <option key={f}>{f}</option>
        ))}
      </select>
    </label>
  )
}
