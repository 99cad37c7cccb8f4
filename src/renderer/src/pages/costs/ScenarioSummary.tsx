import type { ReactNode } from 'react'
import type { ScenarioAnalysis, ScenarioDefinition } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { countOf } from '../../../../shared/plural'
import { gbp, gbpWhole, pct } from './format'
import { useOptionName } from './optionNames'

/** The business-case summary: what prints on one page with the charts. */
export function ScenarioSummary({ definition, analysis }: { definition: ScenarioDefinition; analysis: ScenarioAnalysis }): ReactNode {
  const optionName = useOptionName()
  const breakEven = Object.values(analysis.breakEven)
  return (
    <div className="scenario-summary">
      <h2 className="print-title">
        {definition.name} <span className="muted">— placement cost model</span>
      </h2>
      <p className="muted small">
        {countOf(definition.years, 'year')} · {definition.weeksPerYear} weeks a year · demand growth {pct(definition.demandGrowth)} · inflation{' '}
        {pct(definition.inflation)} · unit costs in force on {definition.costsAsOf ? ukDate(definition.costsAsOf) : 'today'}
        {Object.keys(definition.unitCosts).length > 0 && ' (with scenario overrides)'}. ART hub and MFP costs are stated assumptions.
      </p>
      <div className="tiles">
        <div className="tile">
          <span className="tile-number" data-testid="total-baseline">
            {gbpWhole(analysis.total.baseline)}
          </span>
          <span className="tile-label">baseline over {countOf(definition.years, 'year')}</span>
        </div>
        <div className="tile">
          <span className="tile-number" data-testid="total-proposed">
            {gbpWhole(analysis.total.proposed)}
          </span>
          <span className="tile-label">proposed over {countOf(definition.years, 'year')}</span>
        </div>
        <div className={`tile ${analysis.total.saving >= 0 ? 'tile-ok' : 'tile-warn'}`}>
          <span className="tile-number" data-testid="total-saving">
            {/* The label says which way: "-£3,770,000 extra cost" would read as a saving. */}
            {gbpWhole(Math.abs(analysis.total.saving))}
          </span>
          <span className="tile-label" data-testid="total-saving-label">
            {analysis.total.saving === 0 ? 'no change in cost' : analysis.total.saving > 0 ? 'saving' : 'extra cost'}
          </span>
        </div>
      </div>
      <table className="table compact" aria-label="Cost per year">
        <thead>
          <tr>
            <th>Year</th>
            <th className="num">Baseline</th>
            <th className="num">Proposed</th>
            <th className="num">Saving</th>
          </tr>
        </thead>
        <tbody>
          {analysis.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td>
              <td className="num">{gbp(y.baseline)}</td>
              <td className="num">{gbp(y.proposed)}</td>
              <td className="num">{gbp(y.saving)}</td>
            </tr>
          ))}
          <tr className="total-row">
            <td>Total</td>
            <td className="num">{gbp(analysis.total.baseline)}</td>
            <td className="num">{gbp(analysis.total.proposed)}</td>
            <td className="num">{gbp(analysis.total.saving)}</td>
          </tr>
        </tbody>
      </table>
      {breakEven.length > 0 && (
        <div className="table-scroll">
          <table className="table compact" aria-label="Break-even occupancy">
            <thead>
              <tr>
                <th>Service</th>
                <th className="num">Running cost a year</th>
                <th>Replaces</th>
                <th className="num">Children to break even</th>
                <th className="num">Capacity</th>
                <th className="num">Occupancy needed</th>
                <th className="num">Placed</th>
              </tr>
            </thead>
            <tbody>
              {breakEven.map((b) => (
                <tr key={b.service} data-testid={`break-even-${b.service}`}>
                  <td>{optionName(b.service)}</td>
                  <td className="num">{gbpWhole(b.fixedAnnual)}</td>
                  <td>
                    {b.flow
                      ? `admissions costed by stay (${b.flow.lengthOfStayDays} days): ${gbpWhole(b.flow.avoidedPerAdmission)} avoided each`
                      : `${optionName(b.replaces)} (${gbpWhole(b.replacedAnnualPerChild)} a year)`}
                  </td>
                  <td className="num">
                    {b.children === null ? 'n/a' : b.children.toFixed(2)}
                    {b.flow &&
                      b.flow.breakEvenAdmissions !== null &&
                      ` (${b.flow.breakEvenAdmissions.toFixed(2)} admissions a year of ${b.flow.admissionsPerYear.toFixed(1)})`}
                  </td>
                  <td className="num">{b.capacity}</td>
                  <td className={`num ${b.occupancy !== null && b.occupancy > 1 ? 'down' : ''}`}>
                    {b.occupancy === null ? 'n/a' : pct(b.occupancy)}
                    {b.occupancy !== null && b.occupancy > 1 && ' (cannot break even)'}
                  </td>
                  <td className="num">{Math.round(b.placed * 100) / 100}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {breakEven
        .filter((b) => b.notMoved > 0)
        .map((b) => (
          <p key={b.service} className="state warn" data-testid={`not-moved-${b.service}`}>
            {countOf(b.notMoved, 'child', 'children')} placed in {optionName(b.service)} {b.notMoved === 1 ? 'is' : 'are'} still counted in{' '}
            {optionName(b.replaces)} in the proposed children, so the scenario pays for both places. To move them, lower the proposed {optionName(b.replaces)}{' '}
            by {b.notMoved}.
          </p>
        ))}
    </div>
  )
}
