import type { ReactNode } from 'react'
import { EmptyState } from '../components/States'

/** Shown for a task whose screen is not in this build yet: says so plainly. */
export function NotYetPage({ what }: { what: string }): ReactNode {
  return (
    <section>
      <h1>{what}</h1>
      <EmptyState title={`${what} is not available in this build yet.`}>Use the command line (npx permanence --help) for what is available.</EmptyState>
    </section>
  )
}
