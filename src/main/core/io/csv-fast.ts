import { isUtf8 } from 'node:buffer'

/**
 * A fast reader for the CSV that nearly every return is: one record per line, LF or
 * CRLF line ends, fields optionally quoted (with "" for a quote) but no line breaks
 * inside a field. It gives exactly the records and line numbers csv-parse gives with
 * the options read.ts uses (bom, relax_column_count, skip_empty_lines), at several
 * times the speed. Anything outside that shape — bare CR line ends, mixed line ends,
 * a line break inside quotes, a stray quote, an unclosed quote — throws NotSimpleCsv,
 * and the caller hands the file to csv-parse, which reads it or reports what is wrong.
 *
 * Lines are found in the bytes as they arrive and only the new bytes are searched, so a
 * long line costs time in proportion to its length (searching and joining the whole text
 * held so far on every chunk made a 60 MB line take minutes). A line longer than the
 * limit, or bytes that are not UTF-8, end the read with CsvRefused naming the line.
 */
export class NotSimpleCsv extends Error {}

/** A file this reader refuses outright (csv-parse would refuse it too): the line and why. */
export class CsvRefused extends Error {
  constructor(
    readonly line: number,
    readonly why: 'too-long' | 'not-utf8'
  ) {
    super(why === 'too-long' ? `line ${line} is too long` : `line ${line} is not UTF-8 text`)
  }
}

const notSimple = (): never => {
  throw new NotSimpleCsv()
}

/** Fields of one line that contains a quote. */
function quotedFields(line: string): string[] {
  const out: string[] = []
  const n = line.length
  let i = 0
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = ''
      let from = i + 1
      for (;;) {
        const q = line.indexOf('"', from)
        if (q < 0) return notSimple()
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1)
          from = q + 2
          continue
        }
        value += line.slice(from, q)
        i = q + 1
        break
      }
      out.push(value)
      if (i === n) return out
      if (line.charCodeAt(i) !== 44) return notSimple()
      i++
    } else {
      const comma = line.indexOf(',', i)
      const field = comma < 0 ? line.slice(i) : line.slice(i, comma)
      if (field.includes('"')) return notSimple()
      out.push(field)
      if (comma < 0) return out
      i = comma + 1
    }
  }
}

export interface CsvLine {
  /** 1-based line number, as csv-parse's info.lines. */
  line: number
  fields: string[]
}

const LF = 10
const CR = 13

/** Splits bytes into records as they arrive; `push` each chunk, then `end`. */
export class SimpleCsv {
  /** Bytes after the last line end seen, not yet a whole line. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  private lines = 0
  private crlf: boolean | null = null
  private started = false

  constructor(private readonly maxLineBytes = Infinity) {}

  push(chunk: Buffer, out: CsvLine[]): void {
    const last = chunk.lastIndexOf(LF)
    if (last < 0) {
      if (this.pendingBytes > 0 && chunk.length > 0 && this.pending.at(-1)?.at(-1) === CR) notSimple()
      this.hold(chunk)
      return
    }
    const whole = this.pendingBytes ? Buffer.concat([...this.pending, chunk.subarray(0, last + 1)]) : chunk.subarray(0, last + 1)
    this.pending = []
    this.pendingBytes = 0
    this.lines_(whole, out)
    this.hold(chunk.subarray(last + 1))
  }

  end(out: CsvLine[]): void {
    const rest = Buffer.concat(this.pending)
    this.pending = []
    this.pendingBytes = 0
    if (rest.length === 0) return
    if (rest.at(-1) === CR) notSimple()
    this.lines_(Buffer.concat([rest, Buffer.from(this.crlf ? '\r\n' : '\n')]), out)
  }

  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return
    // Without a line end after it, a CR can only be the first half of a CRLF split across chunks.
    const cr = bytes.indexOf(CR)
    if (cr >= 0 && cr < bytes.length - 1) notSimple()
    this.pending.push(bytes)
    this.pendingBytes += bytes.length
    if (this.pendingBytes > this.maxLineBytes) throw new CsvRefused(this.lines + 1, 'too-long')
  }

  /** Whole lines (ending in LF); a line end never falls inside a UTF-8 character, so each line decodes alone. */
  private lines_(bytes: Buffer, out: CsvLine[]): void {
    if (!isUtf8(bytes)) {
      let from = 0
      for (let n = 1; ; n++) {
        const nl = bytes.indexOf(LF, from)
        if (!isUtf8(bytes.subarray(from, nl))) throw new CsvRefused(this.lines + n, 'not-utf8')
        from = nl + 1
      }
    }
    let text = bytes.toString('utf8')
    if (!this.started) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    if (this.crlf === null) {
      const first = text.indexOf('\n')
      const cr = text.indexOf('\r')
      this.crlf = cr >= 0 && cr === first - 1
      if (cr >= 0 && !this.crlf && cr < first) notSimple()
    }
    const crlf = this.crlf
    const last = text.length - 1
    let from = 0
    while (from <= last) {
      const nl = text.indexOf('\n', from)
      let line = text.slice(from, nl)
      from = nl + 1
      this.lines++
      if (line.length > this.maxLineBytes / 3 && Buffer.byteLength(line) > this.maxLineBytes) throw new CsvRefused(this.lines, 'too-long')
      if (crlf) {
        if (line.charCodeAt(line.length - 1) !== 13) return notSimple()
        line = line.slice(0, -1)
      }
      if (line.length === 0) continue
      if (line.includes('\r')) notSimple()
      out.push({ line: this.lines, fields: line.includes('"') ? quotedFields(line) : line.split(',') })
    }
  }
}
