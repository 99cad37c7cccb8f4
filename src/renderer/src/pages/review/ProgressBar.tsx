import type { ReactNode } from 'react'
import type { ReviewProgress } from '../../../../shared/api'
import { figure } from '../../../../shared/plural'

/** Reviewed / total as a labelled bar that screen readers announce as a progress value. */
export function ProgressBar({ progress, label }: { progress: ReviewProgress; label: string }): ReactNode {
  const percent = progress.total === 0 ? 0 : Math.round((progress.reviewed / progress.total) * 100)
  // Rounding must not say "0%" once a child is reviewed, nor "100%" while one still waits.
  const shown = progress.reviewed > 0 && percent === 0 ? 'under 1' : progress.reviewed < progress.total && percent === 100 ? 'over 99' : String(percent)
  return (
    <div className="review-progress">
      <div className="review-progress-label">
        <span>{label}</span>
        <strong>
          {figure(progress.reviewed)} of {figure(progress.total)} reviewed ({shown}%)
        </strong>
      </div>
      <div className="progress wide" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.reviewed}>
        <span style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
