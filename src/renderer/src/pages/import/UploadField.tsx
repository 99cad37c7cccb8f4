import type { ReactNode } from 'react'
import { importFileTypes, readUpload, toError, type Upload } from './useImportFlow'

interface Props {
  label: string
  /** Called as soon as a file is chosen: whatever was shown for the last one no longer applies. */
  onChoose: () => void
  /** The chosen file's bytes, or null when none is chosen or it cannot be read. */
  setFile: (file: Upload | null) => void
  onError: (error: Error) => void
}

/** The file picker of a mapped import (tracker, carers). */
export function UploadField({ label, onChoose, setFile, onError }: Props): ReactNode {
  return (
    <label>
      {label}{' '}
      <input
        type="file"
        accept={importFileTypes}
        aria-label={label}
        onChange={async (e) => {
          onChoose()
          const chosen = e.target.files?.[0]
          try {
            setFile(chosen ? await readUpload(chosen) : null)
          } catch (error) {
            setFile(null)
            onError(toError(error))
          }
        }}
      />
    </label>
  )
}
