import type { ReactNode } from 'react'
import { reviewOutcomeLabels } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall } from '../../api'
import { ErrorState } from '../../components/States'
import { href } from '../../router'

/** The child's Head of Service review outcomes, for the child's page. */
export function ChildReviews({ childId }: { childId: string }): ReactNode {
  const reviews = useCall('childReviews', { childId })
  if (reviews.error) return <ErrorState error={reviews.error} onRetry={reviews.reload} />
  if (!reviews.data) return null
  return (
    <>
      <h2>Head of Service reviews</h2>
      {reviews.data.length === 0 ? (
        <p className="muted">Not in any Head of Service review cycle.</p>
      ) : (
        <table className="table" aria-label="Head of Service reviews">
          <thead>
            <tr>
              <th>Cycle</th>
              <th>Cohort</th>
              <th>Outcome</th>
              <th>Note</th>
              <th>Reviewed</th>
              <th>Next review</th>
            </tr>
          </thead>
          <tbody>
            {reviews.data.map((r) => (
              <tr key={r.itemId}>
                <td>
                  <a href={href('review-item', String(r.itemId))}>{r.cycleLabel}</a>
                </td>
                <td>{r.cohort}</td>
                <td>{r.outcome ? reviewOutcomeLabels[r.outcome] : 'Not yet reviewed'}</td>
                <td>{r.outcomeNote}</td>
                <td>{r.reviewDate ? `${ukDate(r.reviewDate)} by ${r.reviewedBy}` : ''}</td>
                <td>{ukDate(r.nextReviewDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
