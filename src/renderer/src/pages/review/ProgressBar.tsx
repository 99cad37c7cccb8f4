import type { ReactNode } from 'react'
import type { ReviewProgress } from '../../../../shared/api'

/** Reviewed / total as a labelled bar that screen readers announce as a progress value. */
export function ProgressBar({ progress, label }: { progress: ReviewProgress; label: string }): ReactNode {
  const percent = progress.total === 0 ? 0 : Math.round((progress.reviewed / progress.total) * 100)
  return (
    <div className="review-progress">
      <div className="review-progress-label">
        <span>{label}</span>
        <strong>
          {progress.reviewed} of {progress.total} reviewed ({percent}%)
        </strong>
      </div>
      <div className="progress wide" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.reviewed}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
