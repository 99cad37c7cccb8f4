import { StringDecoder } from 'node:string_decoder'

/**
 * A fast reader for the CSV that nearly every return is: one record per line, LF or
 * CRLF line ends, fields optionally quoted (with "" for a quote) but no line breaks
 * inside a field. It gives exactly the records and line numbers csv-parse gives with
 * the options read.ts uses (bom, relax_column_count, skip_empty_lines), at several
 * times the speed. Anything outside that shape — bare CR line ends, mixed line ends,
 * a line break inside quotes, a stray quote, an unclosed quote — throws NotSimpleCsv,
 * and the caller hands the file to csv-parse, which reads it or reports what is wrong.
 */
export class NotSimpleCsv extends Error {}

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

/** Splits decoded text into records as bytes arrive; `push` each chunk, then `end`. */
export class SimpleCsv {
  private readonly decoder = new StringDecoder('utf8')
  private carry = ''
  private lines = 0
  private crlf: boolean | null = null
  private started = false

  push(chunk: Buffer, out: CsvLine[]): void {
    let text = this.carry + this.decoder.write(chunk)
    if (!this.started && text.length) {
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    const last = text.lastIndexOf('\n')
    if (last < 0) {
      // A CR can only be the first half of a CRLF split across chunks.
      const cr = text.indexOf('\r')
      if (cr >= 0 && cr < text.length - 1) notSimple()
      this.carry = text
      return
    }
    this.carry = text.slice(last + 1)
    this.lines_(text, last, out)
  }

  end(out: CsvLine[]): void {
    const text = this.carry + this.decoder.end()
    this.carry = ''
    if (text.length === 0) return
    if (text.endsWith('\r')) notSimple()
    const eol = this.crlf ? '\r\n' : '\n'
    this.lines_(text + eol, text.length + eol.length - 1, out)
  }

  private lines_(text: string, last: number, out: CsvLine[]): void {
    if (this.crlf === null) {
      const first = text.indexOf('\n')
      const cr = text.indexOf('\r')
      this.crlf = cr >= 0 && cr === first - 1
      if (cr >= 0 && !this.crlf && cr < first) notSimple()
    }
    const crlf = this.crlf
    let from = 0
    while (from <= last) {
      const nl = text.indexOf('\n', from)
      let line = text.slice(from, nl)
      from = nl + 1
      this.lines++
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
