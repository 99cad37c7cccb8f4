import type { ReviewWorkbook } from '../../../../shared/api'
import { downloadBase64 } from '../../download'

/** Saves a file the core produced (base64) through the browser's download. */
export const saveFile = (file: ReviewWorkbook): void => downloadBase64(file.fileName, file.contentBase64, file.mimeType)
