import { useMayChange } from '../../me'
import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import {
  carePlanKinds,
  carePlanLabels,
  dischargeStatuses,
  familyFindingLabels,
  familyFindingStatuses,
  type CarePlan,
  type CarePlanKind,
  type DischargeStatus
} from '../../../../shared/api'
import { ukDate } from '../../../../shared/days'
import { useCall, useWrite } from '../../api'
import { DateField } from '../../components/DateField'

/**
 * The child's care plan (the permanence plan, when the IRO review confirmed it, family
 * finding) and, for a child placed with parents on a care order, the applications to
 * discharge the order.
 */
export function CarePlanSection({ childId, placedWithParents }: { childId: string; placedWithParents: boolean }): ReactNode {
  const plan = useCall('getCarePlan', { childId })
  const [draft, setDraft] = useState<Pick<CarePlan, 'plan' | 'confirmedDate' | 'familyFinding'>>({
    plan: 'long_term_fostering',
    confirmedDate: null,
    familyFinding: 'not_needed'
  })
  const [message, setMessage] = useState<string | null>(null)
  const saving = useWrite('saveCarePlan')
  // Only the roles that keep care plans get the form; the others read the plan.
  const mayChangePlan = useMayChange('carePlan')
  useEffect(() => {
    if (plan.data) setDraft({ plan: plan.data.plan, confirmedDate: plan.data.confirmedDate, familyFinding: plan.data.familyFinding })
  }, [plan.data])
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const saved = await saving.run({ childId, ...draft })
    setMessage(saved.ok ? 'Care plan saved.' : saved.error.message)
  }
  return (
    <>
      <h2>Care plan</h2>
      <p data-testid="care-plan">
        {plan.data
          ? `${carePlanLabels[plan.data.plan]}; ${plan.data.confirmedDate ? `confirmed at the IRO review on ${ukDate(plan.data.confirmedDate)}` : 'not yet confirmed at a review'}; family finding: ${familyFindingLabels[plan.data.familyFinding].toLowerCase()}.`
          : 'No care plan recorded.'}
      </p>
      {mayChangePlan && (
        <form className="toolbar no-print" onSubmit={(e) => void save(e)} aria-label="Care plan">
          <label>
            Plan{' '}
            <select value={draft.plan} onChange={(e) => setDraft({ ...draft, plan: e.target.value as CarePlanKind })}>
              {carePlanKinds.map((k) => (
                <option key={k} value={k}>
                  {carePlanLabels[k]}
                </option>
              ))}
            </select>
          </label>
          <DateField
            id="care-plan-confirmed"
            label="Confirmed at IRO review on"
            value={draft.confirmedDate ?? ''}
            onChange={(v) => setDraft({ ...draft, confirmedDate: v || null })}
          />
          <label>
            Family finding{' '}
            <select value={draft.familyFinding} onChange={(e) => setDraft({ ...draft, familyFinding: e.target.value as CarePlan['familyFinding'] })}>
              {familyFindingStatuses.map((k) => (
                <option key={k} value={k}>
                  {familyFindingLabels[k]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Save care plan</button>
          {message && <span role="status">{message}</span>}
        </form>
      )}
      {placedWithParents && <Discharge childId={childId} mayChange={mayChangePlan} />}
    </>
  )
}

function Discharge({ childId, mayChange }: { childId: string; mayChange: boolean }): ReactNode {
  const list = useCall('listDischargeApplications', { childId })
  const [draft, setDraft] = useState({ status: 'planned' as DischargeStatus, plannedDate: '', appliedDate: '', decidedDate: '' })
  const [message, setMessage] = useState<string | null>(null)
  const saving = useWrite('saveDischargeApplication')
  const latest = list.data?.[0]
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const saved = await saving.run({
      ...(latest && latest.status !== 'granted' && latest.status !== 'refused' ? { id: latest.id } : {}),
      childId,
      status: draft.status,
      plannedDate: draft.plannedDate,
      appliedDate: draft.appliedDate || null,
      decidedDate: draft.decidedDate || null
    })
    setMessage(saved.ok ? 'Discharge application saved.' : saved.error.message)
  }
  useEffect(() => {
    if (latest && latest.status !== 'granted' && latest.status !== 'refused') {
      setDraft({ status: latest.status, plannedDate: latest.plannedDate, appliedDate: latest.appliedDate ?? '', decidedDate: latest.decidedDate ?? '' })
    }
  }, [latest])
  return (
    <>
      <h3>Discharge of the care order (placed with parents)</h3>
      <ul data-testid="discharge">
        {list.data?.length === 0 && <li className="muted">No discharge application planned.</li>}
        {list.data?.map((a) => (
          <li key={a.id}>
            {a.status}: planned {ukDate(a.plannedDate)}
            {a.appliedDate && `, applied ${ukDate(a.appliedDate)}`}
            {a.decidedDate && `, decided ${ukDate(a.decidedDate)}`}
          </li>
        ))}
      </ul>
      {mayChange && (
        <form className="toolbar no-print" onSubmit={(e) => void save(e)} aria-label="Discharge application">
          <label>
            Status{' '}
            <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as DischargeStatus })}>
              {dischargeStatuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <DateField id="discharge-planned" label="Planned" value={draft.plannedDate} onChange={(v) => setDraft({ ...draft, plannedDate: v })} required />
          <DateField id="discharge-applied" label="Applied" value={draft.appliedDate} onChange={(v) => setDraft({ ...draft, appliedDate: v })} />
          <DateField id="discharge-decided" label="Decided" value={draft.decidedDate} onChange={(v) => setDraft({ ...draft, decidedDate: v })} />
          <button type="submit" disabled={!draft.plannedDate}>
            Save discharge application
          </button>
          {message && <span role="status">{message}</span>}
        </form>
      )}
    </>
  )
}
