import { useState, type ReactNode } from 'react'
import type { CostBaseline } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { MappingEditor } from './MappingEditor'
import { AfterCareRows, LookedAfterRows } from './MixRows'
import { figure } from '../../../../shared/plural'

/** Children per option on a date, from the data: counts only, never who. */
export function BaselinePanel({ today, onUse }: { today: string; onUse: (baseline: CostBaseline) => void }): ReactNode {
  const [date, setDate] = useState(today)
  const baseline = useCall('costBaseline', { date })
  const b = baseline.data
  return (
    <section aria-labelledby="baseline-title" className="no-print">
      <h2 id="baseline-title">Today&apos;s mix from the data</h2>
      <div className="toolbar">
        <DateField id="baseline-date" label="Baseline on" value={date} onChange={(v) => v && setDate(v)} />
        <button type="button" disabled={!b} onClick={() => b && onUse(b)}>
          Use as the scenario&apos;s baseline
        </button>
      </div>
      {baseline.error ? (
        <ErrorState error={baseline.error} onRetry={baseline.reload} />
      ) : !b ? (
        <Loading what="the baseline" />
      ) : (
        <div className="baseline">
          <div className="tiles">
            <div className="tile">
              <span className="tile-number" data-testid="baseline-looked-after">
                {figure(b.lookedAfter)}
              </span>
              <span className="tile-label">looked after on {ukDate(b.date)}</span>
            </div>
            <div className="tile">
              <span className="tile-number">{figure(b.notCosted)}</span>
              <span className="tile-label">with parents / placed for adoption (no placement cost)</span>
            </div>
            <div className={`tile${b.unmappedTotal ? ' tile-warn' : ''}`}>
              <span className="tile-number">{figure(b.unmappedTotal)}</span>
              <span className="tile-label">in placements with no cost mapping</span>
            </div>
          </div>
          {Object.values(b.counts).every((n) => !n) ? (
            <EmptyState title={`No placement to cost on ${ukDate(b.date)}.`}>
              The data holds no child in a costed placement on this date. Choose another date, or ask a data officer to import the latest 903 return.
            </EmptyState>
          ) : (
            <table className="table compact" aria-label="Children per placement option">
              <thead>
                <tr>
                  <th>Option</th>
                  <th className="num">Children</th>
                </tr>
              </thead>
              <tbody>
                <LookedAfterRows baseline={b} />
              </tbody>
              <AfterCareRows baseline={b} />
            </table>
          )}
          <h3>Placement mapping</h3>
          <MappingEditor date={b.date} unmapped={b.unmapped} />
          <details>
            <summary>How these numbers are made</summary>
            <ul className="small">
              {b.rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </section>
  )
}
