import { useState, type FormEvent, type ReactNode } from 'react'
import { panelCalls } from '../../../../shared/api'
import { callApi, useCall, type ApiCallError } from '../../api'
import { ukDate } from '../../download'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { useReadsPanelOnly } from '../../me'
import { href, navigate } from '../../router'
import { DateField, TimeField } from '../../components/DateField'
import { FieldError, fieldErrors, forTheChair, type FieldErrors } from './fieldErrors'
import { describeRule, QuorumRuleForm } from './QuorumRuleForm'

const statusLabel = { planned: 'Planned', held: 'In progress', signed: 'Signed off' } as const

/** Meetings list and a new-meeting form; each meeting opens at #/panel/ID. */
export function PanelPage(): ReactNode {
  const meetings = useCall('listMeetings', {}, { live: true })
  const info = useCall('appInfo', {})
  const [error, setError] = useState<ApiCallError>()
  const [fieldProblems, setFieldProblems] = useState<FieldErrors>({})
  // Until the chair types a date, the form offers today.
  const [date, setDate] = useState<string>()
  const [startTime, setStartTime] = useState('10:00')
  // A panel member reads meetings; planning them and the quorum rule are the chair's.
  const readOnly = useReadsPanelOnly()

  const create = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    const input = {
      date: String(data.get('date') ?? ''),
      startTime: String(data.get('startTime') || '') || null,
      place: String(data.get('place') || '') || null,
      online: data.get('online') === 'on',
      chair: String(data.get('chair') ?? '')
    }
    // The contract's own schema: the same rules, and the same plain words, as the core.
    const problems = fieldErrors(panelCalls.createMeeting.input, input)
    setFieldProblems(problems)
    const first = Object.keys(problems)[0]
    if (first) return document.getElementById(`new-meeting-${first}`)?.focus()
    try {
      const meeting = await callApi('createMeeting', input)
      navigate('panel', String(meeting.id))
    } catch (err) {
      setError(forTheChair(err as ApiCallError))
    }
  }
  const invalid = (field: string) => ({
    'aria-invalid': !!fieldProblems[field],
    'aria-describedby': fieldProblems[field] ? `new-meeting-${field}-error` : undefined
  })

  return (
    <section>
      <h1>Permanence Panel</h1>
      <p className="toolbar">
        <a href={href('panel-actions')}>Actions tracker</a>
        <a href={href('panel-templates')}>Minutes and letter templates</a>
      </p>
      {!readOnly && <h2>New meeting</h2>}
      {info.data && !readOnly && (
        <form className="form-row new-meeting" onSubmit={create} aria-label="New meeting" noValidate>
          <span className="field-stack">
            <DateField id="new-meeting-date" name="date" label="Date" value={date ?? info.data.today} onChange={setDate} />
            <FieldError id="new-meeting-date-error" message={fieldProblems.date} />
          </span>
          <span className="field-stack">
            <TimeField id="new-meeting-startTime" name="startTime" label="Start" value={startTime} onChange={setStartTime} />
            <FieldError id="new-meeting-startTime-error" message={fieldProblems.startTime} />
          </span>
          <span className="field-stack">
            <label>
              Place <input id="new-meeting-place" type="text" name="place" placeholder="Room or link" {...invalid('place')} />
            </label>
            <FieldError id="new-meeting-place-error" message={fieldProblems.place} />
          </span>
          <label>
            <input type="checkbox" name="online" /> Online
          </label>
          <span className="field-stack">
            <label>
              Chair <input id="new-meeting-chair" type="text" name="chair" placeholder="Name" {...invalid('chair')} />
            </label>
            <FieldError id="new-meeting-chair-error" message={fieldProblems.chair} />
          </span>
          <button type="submit" className="primary">
            Create meeting
          </button>
        </form>
      )}
      {error && <ErrorState error={error} />}
      {!readOnly && <CouncilQuorumRule />}
      <h2>Meetings</h2>
      {meetings.error ? (
        <ErrorState error={meetings.error} onRetry={meetings.reload} />
      ) : !meetings.data ? (
        <Loading what="meetings" />
      ) : meetings.data.length === 0 ? (
        <EmptyState title="No panel meetings yet.">Create the first one above.</EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Time</th>
              <th>Place</th>
              <th>Chair</th>
              <th>Children</th>
              <th>Decided</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {meetings.data.map((m) => (
              <tr key={m.id}>
                <td>
                  <a href={href('panel', String(m.id))}>{ukDate(m.date)}</a>
                </td>
                <td>{m.startTime}</td>
                <td>{m.online ? `${m.place ?? ''} (online)` : m.place}</td>
                <td>{m.chair}</td>
                <td>{m.items}</td>
                <td>{m.decided}</td>
                <td>{statusLabel[m.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The rule new meetings start with; each meeting can still be given its own. */
function CouncilQuorumRule(): ReactNode {
  const rule = useCall('getQuorumDefault', {})
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<ApiCallError>()
  if (rule.error) return <ErrorState error={rule.error} onRetry={rule.reload} />
  if (!rule.data) return null
  return (
    <div>
      <p className="muted">
        Quorum for new meetings: {describeRule(rule.data)}.{' '}
        {!editing && (
          <button type="button" className="link" onClick={() => setEditing(true)}>
            Change
          </button>
        )}
      </p>
      {editing && (
        <QuorumRuleForm
          rule={rule.data}
          label="Quorum rule for new meetings"
          onCancel={() => setEditing(false)}
          onSave={(next) =>
            callApi('setQuorumDefault', { rule: next }).then(
              () => {
                setEditing(false)
                setError(undefined)
                return true
              },
              (e: ApiCallError) => {
                setError(e)
                return false
              }
            )
          }
        />
      )}
      {error && <ErrorState error={error} />}
    </div>
  )
}
