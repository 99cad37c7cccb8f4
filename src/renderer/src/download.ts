import type { CallInput, CallName, CallOutput } from '../../shared/api'
import { callApi } from './api'

/** A file the core made: every export call answers with this shape (the type is optional: it follows the name). */
export interface FileFromCore {
  fileName: string
  contentBase64: string
  mimeType?: string
}

const typesByExtension: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
}

const typeOf = (fileName: string): string => typesByExtension[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'

/** Saves a file through the browser's own download (Electron shows its save dialog). */
export function saveFile(file: FileFromCore): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType ?? typeOf(file.fileName) }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The calls that answer with one file. */
export type FileCall = { [N in CallName]: CallOutput<N> extends FileFromCore ? N : never }[CallName]

/**
 * Asks the core for a file and saves it: the one way a page downloads. Resolves to the
 * file; a failure rejects with the API's readable error for the caller to show.
 */
export async function download<N extends FileCall>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const file = await callApi(name, input)
  saveFile(file as FileFromCore)
  return file
}

/** Reads a chosen file as base64 (without the data: prefix) for upload through the API. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`))
    reader.readAsDataURL(file)
  })
}

export { ukDate } from '../../shared/days'
