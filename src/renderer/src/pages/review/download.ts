import type { ReviewWorkbook } from '../../../../shared/api'

/** Saves a file the core produced (base64) through the browser's download. */
export function saveFile(file: ReviewWorkbook): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  URL.revokeObjectURL(url)
}
