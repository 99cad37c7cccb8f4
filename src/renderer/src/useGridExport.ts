import { useState } from 'react'
import type { GridWorkbook } from '../../shared/contract/paging'
import { countOf } from '../../shared/plural'
import { ApiCallError } from './api'
import { saveFile } from './download'

/**
 * A grid's Export to Excel: `run` asks the core for the workbook of every row the grid
 * holds and saves it; `preparing` is set meanwhile (for the button to be disabled: the
 * workbook of 50,000 children takes seconds, and a second click would build a second one)
 * and `status` says what happened, for a role="status" beside the button.
 */
export function useGridExport(): { preparing: boolean; status: string | null; run: (make: () => Promise<GridWorkbook>) => Promise<void> } {
  const [status, setStatus] = useState<string | null>(null)
  const [preparing, setPreparing] = useState(false)
  const run = async (make: () => Promise<GridWorkbook>): Promise<void> => {
    setPreparing(true)
    setStatus('Preparing the workbook…')
    try {
      const file = await make()
      saveFile({ fileName: file.fileName, contentBase64: file.base64 })
      setStatus(`Downloaded ${file.fileName} (${countOf(file.rows, 'child', 'children')}).`)
    } catch (error) {
      setStatus(error instanceof ApiCallError ? error.message : String(error))
    } finally {
      setPreparing(false)
    }
  }
  return { preparing, status, run }
}
