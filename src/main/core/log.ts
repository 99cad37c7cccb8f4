import { formatWithOptions } from 'node:util'

/** Details of a log line: names and values (an `error` keeps its stack). */
export type LogFields = Record<string, unknown>

/**
 * How the core reports what the user is not told directly: a failed call, a slow one, a
 * backup that could not be taken. The default writes to stderr; a test passes its own.
 */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export type LogLevel = keyof Logger

const write = (level: LogLevel, message: string, fields?: LogFields): void => {
  const details = fields && Object.keys(fields).length ? [fields] : []
  process.stderr.write(`${formatWithOptions({ colors: false, depth: 4 }, `[permanence] ${level === 'info' ? '' : `${level}: `}${message}`, ...details)}\n`)
}

export const stderrLogger: Logger = {
  info: (message, fields) => write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields)
}

export interface LogEntry {
  level: LogLevel
  message: string
  fields: LogFields
}

/** A logger that keeps its lines in `entries` (for tests). */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  const keep =
    (level: LogLevel) =>
    (message: string, fields: LogFields = {}): void => {
      entries.push({ level, message, fields })
    }
  return { entries, info: keep('info'), warn: keep('warn'), error: keep('error') }
}
