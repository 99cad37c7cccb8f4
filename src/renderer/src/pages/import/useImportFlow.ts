import { useState } from 'react'
import { maxUploadBytes, type DataImportSummary, type ImportProgress, type TrackerMappingInput } from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'
import { fileToBase64 } from '../../download'

export type Upload = { fileName: string; contentBase64: string }
export type ImportRequest = { kind: '903' | 'tracker'; files: Upload[]; mapping?: TrackerMappingInput }

/** What the import file pickers offer: CSV and every workbook format the core reads (io/spreadsheet.ts). */
export const importFileTypes = '.csv,.xlsx,.xlsm,.xls,.ods,text/csv'

/** Files go to the core as bytes, the same in the desktop app and in the browser. */
export const readUpload = (file: File): Promise<Upload> =>
  new Promise((resolve, reject) => {
    if (file.size > maxUploadBytes) {
      reject(
        new Error(
          `${file.name} is ${Math.round(file.size / 1e6)} MB; files over ${maxUploadBytes / 1e6} MB are imported with the command line: npx permanence import 903 FILE…`
        )
      )
      return
    }
    fileToBase64(file).then((contentBase64) => resolve({ fileName: file.name, contentBase64 }), reject)
  })

export const toError = (error: unknown): Error => (error instanceof Error ? error : new ApiCallError('internal', String(error)))

/** Check (dry run) then import, with the core's progress polled while either runs. */
export function useImportFlow() {
  const [preview, setPreview] = useState<DataImportSummary>()
  const [result, setResult] = useState<DataImportSummary>()
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [error, setError] = useState<Error>()
  const reset = (): void => {
    setPreview(undefined)
    setResult(undefined)
    setError(undefined)
  }
  const run = async (request: ImportRequest, commit: boolean): Promise<void> => {
    setError(undefined)
    setBusy(commit ? 'importing' : 'checking')
    setProgress(null)
    const jobId = `${Date.now()}-${Math.random().toString(36).slice(2)}`
    const timer = setInterval(() => {
      callApi('importProgress', { jobId }).then(
        (p) => p && setProgress(p),
        () => undefined
      )
    }, 250)
    try {
      const summary = await callApi(commit ? 'commitImport' : 'previewImport', { ...request, jobId })
      if (commit) {
        setResult(summary)
        setPreview(undefined)
      } else {
        setPreview(summary)
        setResult(undefined)
      }
    } catch (e) {
      setError(toError(e))
    } finally {
      clearInterval(timer)
      setBusy(null)
    }
  }
  return { preview, result, busy, progress, error, reset, run, fail: setError }
}

export type ImportFlow = ReturnType<typeof useImportFlow>
