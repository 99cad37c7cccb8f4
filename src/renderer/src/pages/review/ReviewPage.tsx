import type { ColDef } from 'ag-grid-community'
import { useRef, useState, type FormEvent, type ReactNode } from 'react'
import { cohortLabels, statusLabels, earliestCycleDate, reviewOutcomeLabels, type ReviewCycleSummary, type ReviewItemRow } from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { ApiCallError, callApi, useCall } from '../../api'
import { DateField } from '../../components/DateField'
import { CohortDefinitions } from './CohortDefinitions'
import { Grid } from '../../components/Grid'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { href, navigate } from '../../router'
import { download } from '../../download'
import { duration, legalStatusName } from './labels'
import { ProgressBar } from './ProgressBar'
import { countOf, figure } from '../../../../shared/plural'
import { PressedMark } from '../../components/PressedMark'
import { KeepFocusButton } from '../../components/KeepFocusButton'
import { InlineConfirm, useConfirming } from '../../components/InlineConfirm'

const closeCycleId = 'review-close-cycle'

const columns: ColDef<ReviewItemRow>[] = [
  { field: 'childId', headerName: 'ID', width: 130, pinned: 'left' },
  {
    field: 'name',
    headerName: 'Name',
    flex: 1,
    minWidth: 130,
    // A link, so the review opens by click, keyboard or "open in new window" like any other.
    cellRenderer: (p: { data?: ReviewItemRow; value: string }) => p.data && <a href={href('review-item', String(p.data.id))}>{p.value}</a>
  },
  { valueGetter: (p) => p.data && cohortLabels[p.data.cohort], headerName: 'Cohort', colId: 'cohort', width: 170 },
  { valueGetter: (p) => p.data && legalStatusName(p.data.snapshot.ls), headerName: 'Legal status', colId: 'ls', width: 190 },
  {
    valueGetter: (p) => p.data?.daysOnOrder,
    headerName: 'On order',
    colId: 'daysOnOrder',
    width: 140,
    valueFormatter: (p) => duration(p.value as number),
    sort: 'desc'
  },
  { valueGetter: (p) => p.data && statusLabels[p.data.snapshot.status], headerName: 'Status at start', colId: 'status', width: 140 },
  {
    valueGetter: (p) => p.data?.changes.map((c) => c.detail).join('; ') ?? '',
    headerName: 'Changed since start',
    colId: 'changes',
    flex: 1,
    minWidth: 135,
    cellClass: (p) => (p.value ? 'flag-changed' : undefined),
    tooltipValueGetter: (p) => p.value as string
  },
  { valueGetter: (p) => (p.data?.outcome ? reviewOutcomeLabels[p.data.outcome] : 'Not reviewed'), headerName: 'Outcome', colId: 'outcome', width: 200 }
]

/**
 * Opens a cycle. The core refuses a date far ahead, or a second open cycle, until the
 * Head of Service confirms; its reasons are shown with an "Open anyway" choice.
 */
function OpenCycleForm({
  today,
  openCycles,
  onOpened
}: {
  today: string
  openCycles: ReviewCycleSummary[]
  onOpened: (cycle: ReviewCycleSummary) => void
}): ReactNode {
  const [date, setDate] = useState(today)
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiCallError | Error>()
  const [toConfirm, setToConfirm] = useState<string[]>()
  const open = async (confirm: boolean): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      onOpened(await callApi('openReviewCycle', { startDate: date, ...(label.trim() ? { label: label.trim() } : {}), ...(confirm ? { confirm } : {}) }))
    } catch (err) {
      const reasons = err instanceof ApiCallError ? (err.details as { confirm?: string[] } | undefined)?.confirm : undefined
      if (reasons) setToConfirm(reasons)
      else setError(err as Error)
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    setToConfirm(undefined)
    void open(false)
  }
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T): void => {
      set(v)
      setToConfirm(undefined)
    }
  return (
    <>
      {openCycles.length > 0 && (
        <p className="state warn" data-testid="open-cycle-warning">
          {openCycles.map((c) => `"${c.label}" (cohort date ${ukDate(c.startDate)}, ${c.progress.reviewed} of ${c.progress.total} reviewed)`).join(' and ')}{' '}
          {openCycles.length === 1 ? 'is' : 'are'} still open. Close {openCycles.length === 1 ? 'it' : 'them'} before opening the next quarter's cycle, unless
          both are meant.
        </p>
      )}
      <form className="toolbar review-open" onSubmit={submit} aria-label="Open a review cycle">
        <DateField id="cycle-date" label="Cohort date" required value={date} min={earliestCycleDate} onChange={edit(setDate)} />
        <label>
          Label <input type="text" value={label} onChange={(e) => edit(setLabel)(e.target.value)} placeholder="Financial quarter" maxLength={60} />
        </label>
        <KeepFocusButton type="submit" className="primary" inactive={busy || !date}>
          {busy ? 'Opening…' : 'Open review cycle'}
        </KeepFocusButton>
      </form>
      {toConfirm && (
        <div className="state warn" role="alert" aria-label="Confirm the new review cycle">
          <strong>Check before opening this cycle:</strong>
          <ul>
            {toConfirm.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <div className="toolbar">
            <KeepFocusButton className="primary" inactive={busy} onClick={() => void open(true)}>
              Open anyway
            </KeepFocusButton>
            <button type="button" onClick={() => setToConfirm(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && <ErrorState error={error} />}
    </>
  )
}

function CycleView({ cycleId, cycles }: { cycleId: number; cycles: ReviewCycleSummary[] }): ReactNode {
  const data = useCall('reviewCycle', { cycleId })
  const [filter, setFilter] = useState<'all' | 'todo' | 'FCO' | 'S20' | 'PWP' | 'changed'>('todo')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const picker = useRef<HTMLSelectElement>(null)
  const closing = useConfirming(closeCycleId)
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />
  if (!data.data) return <Loading what="the review cycle" />
  const { cycle, items } = data.data
  const shown = items.filter((i) =>
    filter === 'all' ? true : filter === 'todo' ? i.outcome === null : filter === 'changed' ? i.changes.length > 0 : i.cohort === filter
  )
  const unreviewed = cycle.progress.total - cycle.progress.reviewed
  const tiles = [
    ['todo', 'not yet reviewed', unreviewed],
    ['all', 'in the cycle', cycle.progress.total],
    ['FCO', 'full care order cohort', cycle.byCohort.FCO.total],
    ['S20', 'section 20 audit', cycle.byCohort.S20.total],
    ['PWP', 'placed with parents audit', cycle.byCohort.PWP.total],
    ['changed', 'order or care changed since', cycle.changed]
  ] as const
  const act = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setError(undefined)
    try {
      await fn()
    } catch (err) {
      setError(err as Error)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <div className="toolbar">
        <label>
          Cycle{' '}
          <select ref={picker} value={cycleId} onChange={(e) => navigate('review', e.target.value)} aria-label="Review cycle">
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({c.status})
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          Cohort as on {ukDate(cycle.startDate)}, opened by {cycle.openedBy}
        </span>
        <KeepFocusButton
          inactive={busy}
          onClick={() =>
            act(async () => {
              await download('exportReviewCycle', { cycleId })
            })
          }
        >
          Export (xlsx)
        </KeepFocusButton>
        {cycle.status === 'open' &&
          (!closing.confirming ? (
            <KeepFocusButton id={closeCycleId} inactive={busy} onClick={closing.ask}>
              Close cycle
            </KeepFocusButton>
          ) : (
            // Closing cannot be undone: with children still to review, the keyboard starts on Cancel.
            <InlineConfirm
              label="Confirm closing the cycle"
              confirm="Close cycle"
              focusCancel={unreviewed > 0}
              busy={busy}
              onCancel={closing.cancel}
              onConfirm={() =>
                void act(async () => {
                  await callApi('closeReviewCycle', { cycleId })
                  closing.close()
                  // Close cycle goes with the open cycle, and the focus with it: the cycle list now says "(closed)".
                  picker.current?.focus()
                })
              }
            >
              {unreviewed > 0
                ? `${countOf(unreviewed, 'child', 'children')} of ${figure(cycle.progress.total)} in "${cycle.label}" ${unreviewed === 1 ? 'has' : 'have'} no outcome yet. Once the cycle is closed no outcome can be recorded or corrected in it, and it cannot be opened again.`
                : `Close "${cycle.label}"? Once it is closed no outcome can be recorded or corrected in it, and it cannot be opened again.`}
            </InlineConfirm>
          ))}
      </div>
      {error && <ErrorState error={error} />}
      <div className="review-progress-block">
        <ProgressBar progress={cycle.progress} label={`${cycle.label}: all children`} />
        <ProgressBar progress={cycle.byCohort.FCO} label={cohortLabels.FCO} />
        <ProgressBar progress={cycle.byCohort.S20} label={cohortLabels.S20} />
        <ProgressBar progress={cycle.byCohort.PWP} label={cohortLabels.PWP} />
      </div>
      <div className="tiles" role="group" aria-label="Show">
        {tiles.map(([key, label, n]) => (
          <button key={key} type="button" className="tile" aria-pressed={filter === key} onClick={() => setFilter(key)}>
            <span className="tile-number">{figure(n)}</span>
            <span className="tile-label">{label}</span>
            <PressedMark pressed={filter === key} />
          </button>
        ))}
      </div>
      {/* The tiles are buttons, which do not print: the paper says which children it lists. */}
      <p className="print-only">
        {figure(shown.length)} of {countOf(cycle.progress.total, 'child', 'children')}: {tiles.find(([key]) => key === filter)![1]}.
      </p>
      {shown.length === 0 ? (
        <EmptyState title={filter === 'todo' ? 'Every child in this cycle has an outcome.' : 'No children match.'}>
          {filter === 'todo' && 'Export the cycle for the quarterly report, or close it.'}
        </EmptyState>
      ) : (
        <Grid
          rows={shown}
          columns={columns}
          label="Children in the review cycle"
          getRowId={(i) => String(i.id)}
          onRowOpen={(i) => navigate('review-item', String(i.id))}
          height="60vh"
        />
      )}
      <p className="muted no-print">Open a child with Enter or a double-click to review them.</p>
    </>
  )
}

/** The Head of Service's quarterly review: open a cycle, work through its children, export it. */
export function ReviewPage({ cycleId }: { cycleId?: number }): ReactNode {
  const cycles = useCall('listReviewCycles', {})
  const info = useCall('appInfo', {})
  if (cycles.error) return <ErrorState error={cycles.error} onRetry={cycles.reload} />
  if (!cycles.data || !info.data) return <Loading what="review cycles" />
  const current = cycleId ?? cycles.data.find((c) => c.status === 'open')?.id ?? cycles.data[0]?.id
  return (
    <section>
      <h1>Head of Service review</h1>
      <p className="lead">
        Each quarter: children on full care orders and under section 20 with no decision and no oversight, and those on care orders placed with parents. The
        list is fixed when the cycle opens. See also the <a href={href('review-dashboard')}>dashboard</a>.
      </p>
      {current === undefined ? (
        <EmptyState title="No review cycle yet.">Open one for the quarter: the cohort is taken as the tracker sees it on the cohort date.</EmptyState>
      ) : (
        <CycleView key={current} cycleId={current} cycles={cycles.data} />
      )}
      <div className="no-print">
        <h2>Open a new cycle</h2>
        <CohortDefinitions />
        <OpenCycleForm today={info.data.today} openCycles={cycles.data.filter((c) => c.status === 'open')} onOpened={(c) => navigate('review', String(c.id))} />
      </div>
    </section>
  )
}
