/**
 * Ceilings on what one imported file may cost. A council's real returns and trackers sit
 * far below them; a file above one is refused with an error that names the file and the
 * limit, before the expensive step (unpacking, parsing) is taken, so a small hostile
 * file (a zip bomb, a shared-strings bomb, one endless line) cannot take gigabytes or minutes.
 */
export interface ReadLimits {
  /** Bytes a workbook may unpack to (every part of its zip together). */
  maxUnpackedBytes: number
  /** Bytes of a legacy .xls file, which is not compressed but packs a cell in about 15 bytes. */
  maxLegacyBytes: number
  /** Rows in one worksheet. */
  maxRows: number
  /** Cells in one workbook (and entries in its shared-string table). */
  maxCells: number
  /** Bytes in one CSV line (one record). */
  maxLineBytes: number
  /** Bytes of text in one workbook cell or shared string, measured in the unpacked XML before parsing. */
  maxCellBytes: number
}

export const defaultReadLimits: ReadLimits = {
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxLegacyBytes: 30 * 1024 * 1024,
  maxRows: 500_000,
  maxCells: 1_000_000,
  maxLineBytes: 1024 * 1024,
  maxCellBytes: 1024 * 1024
}

/** "200 MB", "1 MB": limits as a person reads them. */
export const megabytes = (bytes: number): string => {
  const mb = bytes / (1024 * 1024)
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}
