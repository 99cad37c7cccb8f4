import type { ReactNode } from 'react'
import { ApiCallError } from '../api'
import { href } from '../router'

export function Loading({ what }: { what: string }): ReactNode {
  return (
    <div className="state" role="status" aria-live="polite">
      <div className="progress indeterminate" aria-hidden="true" />
      Loading {what}…
    </div>
  )
}

/**
 * The shape of a page while its code and data load: grey bars where text will be, never a
 * false "nothing here" before the answer is known.
 */
export function PageSkeleton({ what = 'this page' }: { what?: string }): ReactNode {
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">Loading {what}…</span>
      <div className="skeleton-bar title" />
      <div className="skeleton-row">
        <div className="skeleton-block" />
        <div className="skeleton-block" />
        <div className="skeleton-block" />
      </div>
      <div className="skeleton-bar" />
      <div className="skeleton-bar short" />
    </div>
  )
}

/** A few grey lines in place of one card's content while it loads. */
export function SkeletonLines({ what, lines = 2 }: { what: string; lines?: number }): ReactNode {
  return (
    <div className="skeleton" role="status" aria-busy="true">
      <span className="visually-hidden">Loading {what}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className={`skeleton-bar${i === lines - 1 ? ' short' : ''}`} />
      ))}
    </div>
  )
}

export function ErrorState({ error, onRetry }: { error: ApiCallError | Error; onRetry?: () => void }): ReactNode {
  if (error instanceof ApiCallError && error.code === 'forbidden') return <ForbiddenState error={error} />
  // Input refused as it stands (a file that is not a 903 table, a date out of range): the user's to fix, not a fault, and the same input gets the same answer.
  const refused = error instanceof ApiCallError && error.code === 'invalid_input'
  // A record that is not there (an old link, a mistyped address): nothing went wrong, and trying again finds nothing either.
  if (error instanceof ApiCallError && error.code === 'not_found')
    return (
      <div className="state error" role="alert" data-testid="not-found">
        <strong>Not found.</strong> {error.message} <a href={href('')}>Go to the home page</a>
      </div>
    )
  return (
    <div className="state error" role="alert">
      {error instanceof ApiCallError && error.fields.length > 0 ? (
        <>
          <strong>{error.fields.length === 1 ? 'One detail needs changing.' : `${error.fields.length} details need changing.`}</strong>
          <FieldProblems error={error} />
        </>
      ) : refused ? (
        <>
          <strong>This needs correcting.</strong> {error.message}
        </>
      ) : (
        <>
          <strong>Something went wrong.</strong> {error.message}
        </>
      )}
      {onRetry && !refused && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}

/**
 * The team database refused this for the person's role: not a fault, so no "went wrong"
 * and no retry (trying again gives the same answer); it says what to do instead.
 */
export function ForbiddenState({ error }: { error: ApiCallError }): ReactNode {
  return (
    <div className="state forbidden" role="alert" data-testid="forbidden">
      <strong>Not available to your role.</strong> {error.message}
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

/** Every field an invalid-input error names, each in a sentence a user can act on. */
export function FieldProblems({ error }: { error: ApiCallError }): ReactNode {
  return (
    <ul className="field-problems" data-testid="field-problems">
      {error.fields.map((f) => (
        <li key={f.path} data-field={f.path}>
          {f.message}
        </li>
      ))}
    </ul>
  )
}

/** The note beside one field; give its id to the input's aria-describedby. */
export function FieldNote({ id, message }: { id: string; message: string | undefined }): ReactNode {
  return message ? (
    <span id={id} className="field-note" role="alert">
      {message}
    </span>
  ) : null
}
