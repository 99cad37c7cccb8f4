import type { ReactNode } from 'react'
import type { FilePreview } from '../../../../shared/api'

interface Props {
  /** Names the controls when a page has more than one mapped import ("Carers sheet"). */
  labelPrefix?: string
  preview: FilePreview | undefined
  hasFile: boolean
  headerRow: number
  /** Called before either choice changes: an earlier check no longer applies. */
  onChange: () => void
  setSheet: (sheet: string) => void
  setHeaderRow: (row: number) => void
}

/** Which sheet of a workbook, and which row holds the headings, for a mapped import. */
export function SheetAndHeaderRow({ labelPrefix, preview, hasFile, headerRow, onChange, setSheet, setHeaderRow }: Props): ReactNode {
  const named = (label: string): string => (labelPrefix ? `${labelPrefix} ${label.toLowerCase()}` : label)
  return (
    <>
      {preview?.kind === 'xlsx' && (
        <label>
          Sheet{' '}
          <select aria-label={named('Sheet')} value={preview.sheet ?? ''} onChange={(e) => (onChange(), setSheet(e.target.value))}>
            {preview.sheets.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      )}
      {hasFile && (
        <label>
          Heading row{' '}
          <input
            type="number"
            aria-label={named('Heading row')}
            min={1}
            max={1000}
            value={headerRow}
            style={{ width: 70 }}
            onChange={(e) => (onChange(), setHeaderRow(Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
      )}
    </>
  )
}
