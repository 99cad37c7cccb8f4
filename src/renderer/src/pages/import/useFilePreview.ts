import { useEffect } from 'react'
import type { FilePreview } from '../../../../shared/api'
import { callApi } from '../../api'
import type { Upload } from './useImportFlow'

interface PreviewRequest {
  file: Upload | null
  sheet: string | undefined
  headerRow: number
  rows: number
}

/**
 * Asks the core for the first rows of a mapped import's file each time the file, sheet or
 * heading row changes. An answer for an earlier choice that comes back late is dropped,
 * so it never overwrites the current one.
 */
export function useFilePreview(
  { file, sheet, headerRow, rows }: PreviewRequest,
  onPreview: (preview: FilePreview) => void,
  onError: (error: unknown) => void
): void {
  useEffect(() => {
    if (!file) return
    let live = true
    callApi('previewFile', { file, sheet, headerRow, rows }).then(
      (p) => live && onPreview(p),
      (e: unknown) => live && onError(e)
    )
    return () => {
      live = false
    }
  }, [file, sheet, headerRow])
}
