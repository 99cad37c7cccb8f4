import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { safeCell } from './safe-cell'

/** One CSV field: formula-escaped, quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(safeCell(typeof value === 'number' ? value : String(value)))
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export const csvLine = (values: readonly (string | number | null | undefined)[]): string => `${values.map(csvField).join(',')}\r\n`

/** Streams rows to a CSV file (CRLF line ends, as Excel writes them), respecting back-pressure. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly (string | number | null)[]> | AsyncIterable<readonly (string | number | null)[]>
): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' })
  let count = 0
  try {
    if (!out.write(csvLine(header))) await once(out, 'drain')
    for await (const row of rows) {
      count++
      if (!out.write(csvLine(row))) await once(out, 'drain')
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return count
}
