import { useState, type ReactNode } from 'react'
import type { SavedScenario, ScenarioAnalysis } from '../../../../shared/api'
import { ukDateTime } from '../../../../shared/days'
import { callApi } from '../../api'
import { InlineConfirm, useConfirming } from '../../components/InlineConfirm'
import { gbp, pct } from './format'
import { useOptionName } from './optionNames'

interface Props {
  scenarios: SavedScenario[]
  currentId: number | null
  onOpen: (s: SavedScenario) => void
  /** After a scenario is deleted, so a scenario open above stops saving to it. */
  onDeleted: (s: SavedScenario) => void
  onMessage: (m: { kind: 'ok' | 'error'; text: string }) => void
  /** Where the focus goes when the row that had it is deleted. */
  afterDeleteFocus: string
}

/** Saved scenarios: open, duplicate, delete, and tick up to six to compare side by side. */
export function Comparison({ scenarios, currentId, onOpen, onDeleted, onMessage, afterDeleteFocus }: Props): ReactNode {
  const [picked, setPicked] = useState<number[]>([])
  const [compared, setCompared] = useState<{ ids: number[]; analyses: ScenarioAnalysis[] } | null>(null)

  const run = async (what: () => Promise<string>): Promise<void> => {
    try {
      onMessage({ kind: 'ok', text: await what() })
    } catch (error) {
      onMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) })
    }
  }
  const toggle = (id: number): void => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : p.length < 6 ? [...p, id] : p))
  const remove = (s: SavedScenario): Promise<void> =>
    run(async () => {
      await callApi('deleteScenario', { id: s.id })
      setPicked((p) => p.filter((x) => x !== s.id))
      // A comparison that had it would go on showing a scenario that is gone.
      setCompared((c) => (c?.ids.includes(s.id) ? null : c))
      onDeleted(s)
      document.getElementById(afterDeleteFocus)?.focus()
      return s.id === currentId ? `Deleted "${s.name}". The scenario above is no longer saved: Save scenario keeps it as a new one.` : `Deleted "${s.name}".`
    })

  return (
    <div>
      <table className="table compact" aria-label="Saved scenarios">
        <thead>
          <tr>
            <th>Compare</th>
            <th>Name</th>
            <th>Saved</th>
            <th>By</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id} aria-current={s.id === currentId ? 'true' : undefined}>
              <td>
                <input type="checkbox" checked={picked.includes(s.id)} onChange={() => toggle(s.id)} aria-label={`Compare ${s.name}`} />
              </td>
              <td>{s.name}</td>
              <td>{ukDateTime(s.updatedAt)}</td>
              <td>{s.createdBy}</td>
              <td className="actions">
                <ScenarioActions
                  scenario={s}
                  onOpen={() => onOpen(s)}
                  onDuplicate={() =>
                    void run(async () => {
                      const copy = await callApi('duplicateScenario', { id: s.id, name: uniqueName(`${s.name} (copy)`, scenarios) })
                      return `Duplicated as "${copy.name}".`
                    })
                  }
                  onDelete={() => remove(s)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button
          type="button"
          disabled={picked.length < 2}
          onClick={() =>
            void run(async () => {
              setCompared({ ids: picked, analyses: await callApi('compareScenarios', { ids: picked }) })
              return `Comparing ${picked.length} scenarios.`
            })
          }
        >
          Compare side by side ({picked.length})
        </button>
      </div>
      {compared && <ComparisonTable analyses={compared.analyses} />}
    </div>
  )
}

/** A saved scenario's Open, Duplicate and Delete; Delete asks first, in place, and Escape cancels back to it. */
function ScenarioActions({
  scenario,
  onOpen,
  onDuplicate,
  onDelete
}: {
  scenario: SavedScenario
  onOpen: () => void
  onDuplicate: () => void
  onDelete: () => Promise<void>
}): ReactNode {
  const deleteId = `delete-scenario-${scenario.id}`
  const { confirming, ask, cancel, close } = useConfirming(deleteId)
  const [busy, setBusy] = useState(false)
  if (confirming) {
    return (
      <InlineConfirm
        label={`Confirm deleting ${scenario.name}`}
        confirm="Delete"
        busy={busy}
        onCancel={cancel}
        onConfirm={() => {
          setBusy(true)
          void onDelete().finally(() => {
            setBusy(false)
            close()
          })
        }}
      >
        Delete &ldquo;{scenario.name}&rdquo;? The audit log keeps a copy.
      </InlineConfirm>
    )
  }
  return (
    <>
      <button type="button" onClick={onOpen}>
        Open
      </button>
      <button type="button" onClick={onDuplicate}>
        Duplicate
      </button>
      <button type="button" id={deleteId} onClick={ask}>
        Delete
      </button>
    </>
  )
}

const uniqueName = (wanted: string, scenarios: SavedScenario[]): string => {
  const taken = new Set(scenarios.map((s) => s.name))
  let name = wanted
  for (let n = 2; taken.has(name); n++) name = `${wanted} ${n}`
  return name
}

function ComparisonTable({ analyses }: { analyses: ScenarioAnalysis[] }): ReactNode {
  const optionName = useOptionName()
  const row = (label: string, value: (a: ScenarioAnalysis) => string): ReactNode => (
    <tr>
      <th scope="row">{label}</th>
      {analyses.map((a, i) => (
        <td key={i} className="num">
          {value(a)}
        </td>
      ))}
    </tr>
  )
  return (
    <table className="table compact comparison" aria-label="Scenario comparison" data-testid="comparison">
      <thead>
        <tr>
          <th />
          {analyses.map((a, i) => (
            <th key={i} className="num">
              {a.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {row('Years', (a) => String(a.years.length))}
        {row('Baseline total', (a) => gbp(a.total.baseline))}
        {row('Proposed total', (a) => gbp(a.total.proposed))}
        {row('Saving', (a) => gbp(a.total.saving))}
        {row('Year 1 saving', (a) => (a.years[0] ? gbp(a.years[0].saving) : ''))}
        {(['ART_HUB', 'MFP'] as const).map((s) => (
          <tr key={s}>
            <th scope="row">{optionName(s)} break-even occupancy</th>
            {analyses.map((a, i) => {
              const b = a.breakEven[s]
              return (
                <td key={i} className="num">
                  {!b ? '—' : b.occupancy === null ? 'n/a' : pct(b.occupancy)}
                </td>
              )
            })}
          </tr>
        ))}
        {row('Most sensitive to', (a) => a.sensitivity[0]?.label ?? '—')}
      </tbody>
    </table>
  )
}
