/**
 * Array helpers for async steps that must run one after another: statements in a
 * transaction and audit entries are ordered (the audit log is a hash chain), so the
 * steps are awaited in turn, never started together.
 */
export async function mapSeries<T, R>(items: Iterable<T>, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  let i = 0
  for (const item of items) out.push(await fn(item, i++))
  return out
}

export async function forEachSeries<T>(items: Iterable<T>, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let i = 0
  for (const item of items) await fn(item, i++)
}
