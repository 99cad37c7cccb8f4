import { useState, type FormEvent, type ReactNode } from 'react'
import { callApi, useCall, type ApiCallError } from '../../api'
import { ukDate } from '../../download'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { href, navigate } from '../../router'
import { describeRule, QuorumRuleForm } from './QuorumRuleForm'

const statusLabel = { planned: 'Planned', held: 'In progress', signed: 'Signed off' } as const

/** Meetings list and a new-meeting form; each meeting opens at #/panel/ID. */
export function PanelPage(): ReactNode {
  const meetings = useCall('listMeetings', {})
  const info = useCall('appInfo', {})
  const [error, setError] = useState<ApiCallError>()

  const create = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    try {
      const meeting = await callApi('createMeeting', {
        date: String(form.get('date')),
        startTime: String(form.get('startTime') || '') || null,
        place: String(form.get('place') || '') || null,
        online: form.get('online') === 'on',
        chair: String(form.get('chair'))
      })
      navigate('panel', String(meeting.id))
    } catch (err) {
      setError(err as ApiCallError)
    }
  }

  return (
    <section>
      <h1>Permanence Panel</h1>
      <p className="toolbar">
        <a href={href('panel-actions')}>Actions tracker</a>
        <a href={href('panel-templates')}>Minutes and letter templates</a>
      </p>
      <h2>New meeting</h2>
      {info.data && (
        <form className="form-row" onSubmit={create} aria-label="New meeting">
          <label>
            Date <input type="date" name="date" required defaultValue={info.data.today} />
          </label>
          <label>
            Start <input type="time" name="startTime" defaultValue="10:00" />
          </label>
          <label>
            Place <input type="text" name="place" placeholder="Room or link" />
          </label>
          <label>
            <input type="checkbox" name="online" /> Online
          </label>
          <label>
            Chair <input type="text" name="chair" required placeholder="Name" />
          </label>
          <button type="submit" className="primary">
            Create meeting
          </button>
        </form>
      )}
      {error && <ErrorState error={error} />}
      <CouncilQuorumRule />
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
                rule.reload()
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
