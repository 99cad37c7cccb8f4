import type { ImportProgress } from '../../../shared/api'

export type ProgressListener = (progress: ImportProgress) => void

/**
 * Progress of one import, reported at most every `everyRows` rows (and on every phase
 * change) so a listener that prints or posts it does not slow the import down.
 */
export class ProgressReporter {
  readonly state: ImportProgress = { phase: 'reading', file: null, rows: 0, bytes: 0, totalBytes: 0, written: 0, of: 0 }
  private lastRows = 0
  private lastWritten = 0

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly everyRows = 2000
  ) {}

  phase(phase: ImportProgress['phase'], extra: Partial<ImportProgress> = {}): void {
    Object.assign(this.state, { phase }, extra)
    this.emit()
  }

  row(bytes: number): void {
    this.state.rows++
    this.state.bytes = bytes
    if (this.state.rows - this.lastRows >= this.everyRows) {
      this.lastRows = this.state.rows
      this.emit()
    }
  }

  wrote(n = 1): void {
    this.state.written += n
    if (this.state.written - this.lastWritten >= this.everyRows / 4 || this.state.written >= this.state.of) {
      this.lastWritten = this.state.written
      this.emit()
    }
  }

  private emit(): void {
    this.listener?.({ ...this.state })
  }
}

/** Latest progress of imports started with a job id, for the app's progress bar to poll. */
const jobs = new Map<string, ImportProgress>()
const watchers = new Set<(jobId: string, progress: ImportProgress) => void>()
export const jobProgress = (jobId: string): ImportProgress | null => jobs.get(jobId) ?? null
export function trackJob(jobId: string | undefined, inner?: ProgressListener): ProgressListener | undefined {
  if (!jobId) return inner
  return (p) => {
    jobs.set(jobId, p)
    for (const watcher of watchers) watcher(jobId, p)
    if (p.phase === 'done') setTimeout(() => jobs.delete(jobId), 60_000).unref()
    inner?.(p)
  }
}

/** Hears every tracked job's progress (the database worker forwards it to the window's thread). */
export function watchJobs(watcher: (jobId: string, progress: ImportProgress) => void): () => void {
  watchers.add(watcher)
  return () => void watchers.delete(watcher)
}
