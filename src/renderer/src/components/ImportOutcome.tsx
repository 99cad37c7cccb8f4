import type { ReactNode } from 'react'
import { useFocusWhenDone } from './useFocusWhenDone'

interface Props {
  /** While a check or import runs; when it ends, the outcome takes keyboard focus. */
  busy: boolean
  /** Why the check or import could not run, as a line of its own (pages that show errors their own way leave it out). */
  problem?: string | null
  testId: string
  children: ReactNode
}

/** What a check or import came back with, or why it could not run; it takes keyboard focus when the work ends. */
export function ImportOutcome({ busy, problem, testId, children }: Props): ReactNode {
  const outcome = useFocusWhenDone<HTMLDivElement>(busy)
  return (
    <div ref={outcome} tabIndex={-1} className="import-outcome" data-testid={testId}>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {children}
    </div>
  )
}
