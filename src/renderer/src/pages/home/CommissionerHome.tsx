import type { ReactNode } from 'react'
import type { ScenarioDefinition } from '../../../../shared/api'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'
import { gbpWhole } from '../costs/format'
import { AfterCareRows, LookedAfterRows } from '../costs/MixRows'
import { figure } from '../../../../shared/plural'

/** The commissioner's numbers: what today's placements cost, saved scenarios, and the mix. Never a name. */
export function CommissionerHome({ today }: { today: string }): ReactNode {
  const draft = useCall('draftScenario', { date: today })
  const scenarios = useCall('listScenarios', {})
  const baseline = useCall('costBaseline', { date: today })
  return (
    <section className="card" aria-labelledby="home-commissioner">
      <h2 id="home-commissioner">Placement costs</h2>
      {draft.error ? (
        <ErrorState error={draft.error} onRetry={draft.reload} />
      ) : !draft.data ? (
        <SkeletonLines what="the cost headline" lines={1} />
      ) : (
        <Headline definition={draft.data} />
      )}
      <h3>Scenarios</h3>
      {scenarios.error ? (
        <ErrorState error={scenarios.error} onRetry={scenarios.reload} />
      ) : !scenarios.data ? (
        <SkeletonLines what="saved scenarios" lines={1} />
      ) : scenarios.data.length === 0 ? (
        <p>
          No saved scenarios yet. <a href={href('costs')}>Build one</a>
        </p>
      ) : (
        <ul className="compact-list">
          {scenarios.data.slice(0, 5).map((s) => (
            <li key={s.id}>
              <a href={href('costs')}>{s.name}</a>
            </li>
          ))}
        </ul>
      )}
      <h3>Sufficiency: today’s placement mix</h3>
      {baseline.error ? (
        <ErrorState error={baseline.error} onRetry={baseline.reload} />
      ) : !baseline.data ? (
        <SkeletonLines what="the placement mix" lines={3} />
      ) : baseline.data.lookedAfter === 0 ? (
        <p data-testid="mix-none">No child is looked after today: there is no placement mix yet.</p>
      ) : (
        <table className="table compact" aria-label="Children per placement option today">
          <thead>
            <tr>
              <th scope="col">Placement option</th>
              <th scope="col" className="num">
                Children
              </th>
            </tr>
          </thead>
          <tbody>
            <LookedAfterRows baseline={baseline.data} />
            <tr>
              <td>Not costed (placed with parents, for adoption)</td>
              <td className="num">{figure(baseline.data.notCosted)}</td>
            </tr>
            {baseline.data.unmappedTotal > 0 && (
              <tr>
                <td>Placement not mapped to an option</td>
                <td className="num">{figure(baseline.data.unmappedTotal)}</td>
              </tr>
            )}
            <tr className="total-row">
              <td>Looked after</td>
              <td className="num">{figure(baseline.data.lookedAfter)}</td>
            </tr>
          </tbody>
          <AfterCareRows baseline={baseline.data} />
        </table>
      )}
    </section>
  )
}

function Headline({ definition }: { definition: ScenarioDefinition }): ReactNode {
  // No child in a costed placement: there is no yearly cost to state, only an empty model.
  if (Object.values(definition.baseline).every((children) => !children))
    return (
      <p className="headline" data-testid="cost-headline">
        No child is in a costed placement today, so there is no yearly cost to show. <a href={href('costs')}>Model a change</a>
      </p>
    )
  return <CostHeadline definition={definition} />
}

function CostHeadline({ definition }: { definition: ScenarioDefinition }): ReactNode {
  const analysis = useCall('runScenario', { definition })
  if (analysis.error) return <ErrorState error={analysis.error} onRetry={analysis.reload} />
  if (!analysis.data) return <SkeletonLines what="the cost headline" lines={1} />
  const first = analysis.data.years[0]
  return (
    <p className="headline" data-testid="cost-headline">
      <span className="tile-number">{gbpWhole(first?.baseline ?? 0)}</span> a year for today’s placements, at the unit costs in force.{' '}
      <a href={href('costs')}>Model a change</a>
    </p>
  )
}
