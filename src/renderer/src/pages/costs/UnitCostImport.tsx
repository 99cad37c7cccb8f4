import { useEffect, useState, type ReactNode } from 'react'
import type { CallInput, ImportSummary } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { callApi } from '../../api'
import { fileToBase64 } from '../../download'
import { RejectedRows } from '../../components/RejectedRows'
import { ImportOutcome } from '../../components/ImportOutcome'
import { countOf } from '../../../../shared/plural'
import { KeepFocusButton } from '../../components/KeepFocusButton'

type UnitCostImportInput = CallInput<'importUnitCosts'>

/**
 * Unit costs from a finance workbook or CSV, checked first like the other imports: the
 * preview (`previewUnitCosts`) writes nothing and lists every row it would not import, so
 * the commissioner fixes the file before any cost changes. Import is offered only for the
 * file and columns just checked.
 */
export function UnitCostImport({ effectiveFrom, source }: { effectiveFrom: string; source: string }): ReactNode {
  const [checked, setChecked] = useState<{ input: UnitCostImportInput; summary: ImportSummary } | null>(null)
  const [result, setResult] = useState<ImportSummary | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const forget = (): void => {
    setChecked(null)
    setResult(null)
    setProblem(null)
  }

  // A check was for the date and source above: changing either asks for a new one.
  useEffect(forget, [effectiveFrom, source])

  const check = async (form: HTMLFormElement): Promise<void> => {
    forget()
    const data = new FormData(form)
    const file = data.get('file')
    if (!(file instanceof File) || file.size === 0) return setProblem('Choose a finance workbook (.xlsx) or CSV file to check.')
    setBusy(true)
    try {
      const input: UnitCostImportInput = {
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        columns: { optionCode: String(data.get('optionCol')), weekly: String(data.get('weeklyCol')) },
        effectiveFrom,
        source: source.trim() || undefined
      }
      setChecked({ input, summary: await callApi('previewUnitCosts', input) })
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const commit = async (input: UnitCostImportInput): Promise<void> => {
    setBusy(true)
    try {
      setResult(await callApi('importUnitCosts', input))
      setChecked(null)
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const shown = result ?? checked?.summary
  const changes = checked ? checked.summary.inserted + checked.summary.updated : 0
  return (
    <details>
      <summary>Import unit costs from a finance workbook or CSV</summary>
      <form
        className="toolbar"
        onChange={forget}
        onSubmit={(e) => {
          e.preventDefault()
          void check(e.currentTarget)
        }}
      >
        <label>
          Workbook or CSV <input type="file" name="file" accept=".xlsx,.xlsm,.xls,.ods,.csv" />
        </label>
        <label>
          Option column <input type="text" name="optionCol" defaultValue="Option" size={12} />
        </label>
        <label>
          Weekly cost column <input type="text" name="weeklyCol" defaultValue="Weekly" size={12} />
        </label>
        <KeepFocusButton type="submit" inactive={busy}>
          Check file
        </KeepFocusButton>
        <KeepFocusButton className="primary" inactive={busy || !checked || changes === 0} onClick={() => checked && void commit(checked.input)}>
          Import {changes} cost{changes === 1 ? '' : 's'}
        </KeepFocusButton>
        <span className="muted small">Columns by header text or letter; costs take effect from {ukDate(effectiveFrom)} (the date above).</span>
      </form>
      <ImportOutcome busy={busy} problem={problem} testId="unit-cost-import-outcome">
        {shown && (
          <div data-testid="unit-cost-import-summary">
            <p role="status">
              {shown.fileName}: {result ? '' : 'would '}add {shown.inserted}, update {shown.updated}, leave {shown.unchanged} unchanged
              {shown.rejected.length
                ? `; ${countOf(shown.rejected.length, 'row')} ${result ? (shown.rejected.length === 1 ? 'was not' : 'were not') : 'would not be'} imported (below).`
                : '.'}
              {!result && ' Nothing has changed yet.'}
            </p>
            <RejectedRows rows={shown.rejected} label="Unit cost rows not imported" />
          </div>
        )}
      </ImportOutcome>
    </details>
  )
}
