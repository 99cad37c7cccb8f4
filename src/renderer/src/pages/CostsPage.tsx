import { useEffect, useState, type ReactNode } from 'react'
import type { ScenarioDefinition } from '../../../shared/api'
import { ApiCallError, callApi, useCall } from '../api'
import { EmptyState, ErrorState, FieldProblems, Loading } from '../components/States'
import { BaselinePanel } from './costs/BaselinePanel'
import { Comparison } from './costs/Comparison'
import { CostByOptionChart, SavingsChart, TornadoChart, useChartsFollowPrint } from './costs/CostCharts'
import { ScenarioEditor } from './costs/ScenarioEditor'
import { ScenarioSummary } from './costs/ScenarioSummary'
import { download } from '../download'
import { UnitCostTable } from './costs/UnitCostTable'
import { OptionCatalogue } from './costs/OptionCatalogue'
import { OnThisPage } from './costs/OnThisPage'
import { SufficiencyPanel } from './costs/SufficiencyPanel'
import { ForecastPanel } from './costs/ForecastPanel'
import { serviceAssumptions } from '../../../shared/service-assumptions'
import { costsNothing } from '../../../shared/scenario-terms'
import { ukDate } from '../../../shared/days'
import { ImportHint } from './costs/ImportHint'

/** The placement cost model for commissioners: numbers only, never a child's name. */
export function CostsPage(): ReactNode {
  const info = useCall('appInfo', {})
  if (info.error) return <ErrorState error={info.error} onRetry={info.reload} />
  if (!info.data) return <Loading what="the cost model" />
  return <CostModel today={info.data.today} />
}

function CostModel({ today }: { today: string }): ReactNode {
  const draft = useCall('draftScenario', { date: today })
  const scenarios = useCall('listScenarios', {})
  const [definition, setDefinition] = useState<ScenarioDefinition | null>(null)
  const [savedId, setSavedId] = useState<number | null>(null)
  const [costed, setCosted] = useState<ScenarioDefinition | null>(null)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const tableCosts = useCall('listUnitCosts', { asOf: definition?.costsAsOf ?? today })

  useEffect(() => {
    if (draft.data && !definition) setDefinition(draft.data)
  }, [draft.data, definition])

  // Typing a number fires many changes; cost the scenario once the user pauses. A change of unit costs or options is a write, so it is costed again.
  useEffect(() => {
    const timer = setTimeout(() => setCosted(definition), 150)
    return () => clearTimeout(timer)
  }, [definition])
  const run = useCall('runScenario', { definition: costed! }, { enabled: costed !== null })
  useChartsFollowPrint('.costs-page')
  const analysis = { value: run.data, error: run.error }

  const act = async (what: () => Promise<string>): Promise<void> => {
    try {
      setMessage({ kind: 'ok', text: await what() })
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    }
  }

  const save = (): Promise<void> =>
    act(async () => {
      const saved = await callApi('saveScenario', { id: savedId ?? undefined, definition: definition! })
      setSavedId(saved.id)
      return `Saved "${saved.name}".`
    })

  const exportWorkbook = (): Promise<void> =>
    act(async () => {
      const file = await download('exportCostWorkbook', { definition: definition! })
      return `Workbook ${file.fileName} exported: change any blue cell on its Assumptions sheet and the totals follow.`
    })

  if (draft.error) return <ErrorState error={draft.error} onRetry={draft.reload} />
  if (!definition) return <Loading what="the cost model" />

  return (
    <section className="costs-page">
      <div className="page-head no-print">
        <h1>Placement costs</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => void save()}>
            {savedId ? 'Save changes' : 'Save scenario'}
          </button>
          <button
            type="button"
            onClick={() => {
              setDefinition(draft.data!)
              setSavedId(null)
              setMessage(null)
            }}
          >
            New scenario from the data
          </button>
          <button type="button" onClick={() => void exportWorkbook()} disabled={!analysis.value}>
            Export workbook (.xlsx)
          </button>
          <button type="button" onClick={() => window.print()} disabled={!analysis.value}>
            Print one-page summary
          </button>
        </div>
      </div>
      <OnThisPage />
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`no-print ${message.kind === 'error' ? 'error-text' : 'ok-text'}`}>
          {message.text}
        </p>
      )}

      <div className="costs-layout">
        <div className="costs-edit">
          <h2 id="scenario-title" className="no-print">
            Scenario
          </h2>
          <ScenarioEditor
            value={definition}
            onChange={setDefinition}
            problems={analysis.error instanceof ApiCallError ? analysis.error.fields : undefined}
            tableCosts={tableCosts.data && Object.fromEntries(tableCosts.data.map((r) => [r.optionCode, r.weekly]))}
            serviceDefaults={tableCosts.data && serviceAssumptions(tableCosts.data)}
          />
        </div>
        <div className="costs-results">
          {analysis.error ? (
            <div className="state error" role="alert" data-testid="scenario-error">
              <strong>This scenario cannot be costed yet.</strong>{' '}
              {analysis.error instanceof ApiCallError && analysis.error.fields.length > 0 ? <FieldProblems error={analysis.error} /> : analysis.error.message}
            </div>
          ) : !analysis.value ? (
            <Loading what="the scenario's costs" />
          ) : costsNothing(definition) ? (
            <EmptyState title="Nothing to cost: this scenario places no child and runs no service.">
              Type the children per placement option on each side, or switch on a new service.{' '}
              {draft.data && costsNothing(draft.data) && (
                <>
                  The data holds no child in a costed placement on {ukDate(today)}, so a scenario from the data starts empty. <ImportHint />
                </>
              )}
            </EmptyState>
          ) : (
            <>
              <ScenarioSummary definition={definition} analysis={analysis.value} />
              <CostByOptionChart analysis={analysis.value} />
              <div className="chart-row">
                <SavingsChart analysis={analysis.value} />
                <TornadoChart analysis={analysis.value} />
              </div>
            </>
          )}
        </div>
      </div>

      <section aria-labelledby="saved-title" className="no-print">
        <h2 id="saved-title" tabIndex={-1}>
          Saved scenarios
        </h2>
        {scenarios.error ? (
          <ErrorState error={scenarios.error} onRetry={scenarios.reload} />
        ) : !scenarios.data ? (
          <Loading what="saved scenarios" />
        ) : scenarios.data.length === 0 ? (
          <EmptyState title="No saved scenarios yet.">
            Build one above and press Save scenario; saved scenarios can be duplicated and compared side by side.
          </EmptyState>
        ) : (
          <Comparison
            scenarios={scenarios.data}
            currentId={savedId}
            onOpen={(s) => {
              setDefinition(s.definition)
              setSavedId(s.id)
              setMessage({ kind: 'ok', text: `Opened "${s.name}": the scenario above is now this one.` })
            }}
            onDeleted={(s) => {
              if (s.id === savedId) setSavedId(null)
            }}
            afterDeleteFocus="saved-title"
            onMessage={setMessage}
          />
        )}
      </section>

      <ForecastPanel
        today={today}
        years={definition.years}
        ready={run.data !== undefined || run.error !== undefined}
        onUse={(demandIndex, demandSource) => setDefinition({ ...definition, demandIndex, demandSource })}
      />
      <SufficiencyPanel today={today} />
      <BaselinePanel today={today} onUse={(b) => setDefinition({ ...definition, baseline: b.counts, costsAsOf: b.date })} />
      <UnitCostTable today={today} />
      <OptionCatalogue today={today} />
    </section>
  )
}
