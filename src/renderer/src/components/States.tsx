import type { ReactNode } from 'react'
import type { ApiCallError } from '../api'

export function Loading({ what }: { what: string }): ReactNode {
  return (
    <div className="state" role="status" aria-live="polite">
      <div className="progress indeterminate" aria-hidden="true" />
      Loading {what}…
    </div>
  )
}

export function ErrorState({ error, onRetry }: { error: ApiCallError | Error; onRetry?: () => void }): ReactNode {
  return (
    <div className="state error" role="alert">
      <strong>Something went wrong.</strong> {error.message}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }): ReactNode {
  return (
    <div className="state empty">
      <strong>{title}</strong>
      {children && <div>{children}</div>}
    </div>
  )
}
