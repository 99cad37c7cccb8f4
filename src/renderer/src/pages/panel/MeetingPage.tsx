import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { outcomeLabels, type AgendaItem, type AgendaSuggestion, type CallInput, type CallName, type CallOutput, type HistoryEntry, type MeetingDetail, type PanelDecision } from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { downloadBase64, fileToBase64, ukDate } from '../../download'
import { href } from '../../router'
import { DecisionForm, type DecisionInput } from './DecisionForm'
import { DecisionCarers } from './DecisionCarers'
import { describeRule, QuorumRuleForm } from './QuorumRuleForm'

/** The calls that answer with the whole meeting. */
type MeetingCall = { [N in CallName]: CallOutput<N> extends MeetingDetail ? N : never }[CallName]
const commonRoles = ['chair', 'fostering', 'social work', 'independent', 'medical adviser', 'legal adviser', 'education']

/** One meeting from planning to sign-off: members and quorum, agenda, papers, decisions, outputs. */
export function MeetingPage({ meetingId }: { meetingId: number }): ReactNode {
  const [meeting, setMeeting] = useState<MeetingDetail>()
  const [loadError, setLoadError] = useState<ApiCallError>()
  const [error, setError] = useState<ApiCallError>()
  const [editing, setEditing] = useState<{ itemId: number; mode: 'record' | 'amend' } | null>(null)
  // Once the chair is recording, each save moves the focus on to the next undecided child.
  const [recording, setRecording] = useState(false)

  useEffect(() => {
    callApi('getMeeting', { meetingId }).then(setMeeting, setLoadError)
  }, [meetingId])

  /** Runs a call that answers with the meeting, shows it, and reports failure in the banner. */
  const run = useCallback(async <N extends MeetingCall>(name: N, input: CallInput<N>): Promise<string | null> => {
    try {
      const result = (await callApi(name, input)) as MeetingDetail
      setMeeting(result)
      setError(undefined)
      return null
    } catch (err) {
      const e = err instanceof ApiCallError ? err : new ApiCallError('internal', String(err))
      setError(e)
      return e.message
    }
  }, [])

  if (loadError) return <ErrorState error={loadError} />
  if (!meeting) return <Loading what="the meeting" />
  const signed = meeting.status === 'signed'
  const current = editing ?? (signed ? null : firstUndecided(meeting))

  const saveDecision = async (item: AgendaItem, mode: 'record' | 'amend', d: DecisionInput): Promise<string | null> => {
    const fields = { outcome: d.outcome, returnDate: d.returnDate, reasons: d.reasons, conditions: d.conditions, support: d.support, dissent: d.dissent }
    const failed =
      mode === 'amend'
        ? await run('amendDecision', { decisionId: item.decision!.id, amendmentReason: d.amendmentReason, ...fields })
        : await run('recordDecision', { itemId: item.id, ...fields, actions: d.actions })
    if (!failed) {
      setEditing(null)
      setRecording(true)
    }
    return failed
  }

  return (
    <section className="meeting">
      <p className="no-print">
        <a href={href('panel')}>← All meetings</a>
      </p>
      <h1>
        Panel meeting {ukDate(meeting.date)} {meeting.startTime && <span className="muted">{meeting.startTime}</span>}{' '}
        <span className={`status status-${meeting.status}`}>{signed ? 'Signed off' : meeting.status === 'held' ? 'In progress' : 'Planned'}</span>
      </h1>
      <p className="muted">
        {meeting.online ? 'Online' : 'In person'}
        {meeting.place ? ` · ${meeting.place}` : ''} · chair {meeting.chair}
        {signed && ` · signed off by ${meeting.signedBy} on ${ukDate(meeting.signedAt?.slice(0, 10))}`}
      </p>
      <p data-testid="quorum" className={meeting.quorum.quorate ? 'quorum ok' : 'quorum not'} role="status">
        {meeting.quorum.quorate ? `Quorate: ${meeting.quorum.present} present` : `Not quorate: ${meeting.quorum.shortfalls.join('; ')}`}
      </p>
      {error && <ErrorState error={error} />}

      <Members meeting={meeting} run={run} />
      {!signed && <Suggestions meeting={meeting} run={run} />}

      <h2>Agenda</h2>
      {meeting.agenda.length === 0 && <p className="muted">No children on the agenda yet: add suggested children above.</p>}
      {meeting.agenda.map((item, index) => (
        <article key={item.id} className="agenda-item" aria-label={`Item ${item.position}: ${item.childName}`}>
          <ItemHeader meeting={meeting} item={item} index={index} run={run} />
          <Papers item={item} signed={signed} run={run} onError={setError} />
          <DecisionCarers key={item.decision?.id ?? 'new'} childId={item.childId} date={meeting.date} decisionId={item.decision?.id ?? null} />
          {current?.itemId === item.id ? (
            <DecisionForm
              key={`${item.id}-${current.mode}-${item.decision?.id ?? 'new'}`}
              childName={item.childName}
              mode={current.mode}
              initial={item.decision}
              defaultOwner={item.socialWorker}
              onSubmit={(d) => saveDecision(item, current.mode, d)}
              onCancel={editing ? () => setEditing(null) : undefined}
              autoFocus={editing !== null || recording}
            />
          ) : item.decision ? (
            <DecisionView decision={item.decision} superseded={item.superseded} />
          ) : (
            <p className="muted">No decision yet.</p>
          )}
          <div className="form-row no-print">
            {item.decision && !item.decision.locked && current?.itemId !== item.id && (
              <button type="button" onClick={() => setEditing({ itemId: item.id, mode: 'record' })}>
                Change decision
              </button>
            )}
            {!item.decision && current?.itemId !== item.id && !signed && (
              <button type="button" onClick={() => setEditing({ itemId: item.id, mode: 'record' })}>
                Record decision
              </button>
            )}
            {item.decision?.locked && current?.itemId !== item.id && (
              <button type="button" onClick={() => setEditing({ itemId: item.id, mode: 'amend' })}>
                Amend decision
              </button>
            )}
            {item.decision && <a href={href('panel-print', 'letter', String(meeting.id), item.childId)}>Decision letter</a>}
          </div>
          <History item={item} />
        </article>
      ))}

      <h2>Sign-off and outputs</h2>
      <div className="form-row no-print">
        {!signed && <SignOff meeting={meeting} run={run} />}
        <a href={href('panel-print', 'minutes', String(meeting.id))}>Minutes (print or save as PDF)</a>
        <button
          type="button"
          onClick={() =>
            callApi('exportDecisions', { meetingId: meeting.id }).then(
              (f) => downloadBase64(f.fileName, f.contentBase64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
              setError
            )
          }
        >
          Download decisions (xlsx)
        </button>
      </div>
    </section>
  )
}

const firstUndecided = (meeting: MeetingDetail): { itemId: number; mode: 'record' } | null => {
  const item = meeting.agenda.find((i) => !i.decision)
  return item ? { itemId: item.id, mode: 'record' } : null
}

type Run = <N extends MeetingCall>(name: N, input: CallInput<N>) => Promise<string | null>

function Members({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const signed = meeting.status === 'signed'
  const add = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    void run('addMember', { meetingId: meeting.id, name: String(data.get('name')), role: String(data.get('role')) }).then((failed) => !failed && form.reset())
  }
  return (
    <>
      <h2>Members and attendance</h2>
      <table className="table members">
        <thead>
          <tr>
            <th>Present</th>
            <th>Name</th>
            <th>Role</th>
            <th className="no-print" />
          </tr>
        </thead>
        <tbody>
          {meeting.members.map((m) => (
            <tr key={m.id}>
              <td>
                <input type="checkbox" aria-label={`Present: ${m.name}`} checked={m.attended} disabled={signed} onChange={(e) => void run('setAttendance', { memberId: m.id, attended: e.target.checked })} />
              </td>
              <td>{m.name}</td>
              <td>{m.role}</td>
              <td className="no-print">
                {!signed && m.role !== 'chair' && (
                  <button type="button" onClick={() => void run('removeMember', { memberId: m.id })} aria-label={`Remove ${m.name}`}>
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!signed && (
        <form className="form-row no-print" onSubmit={add} aria-label="Add member">
          <label>
            Name <input type="text" name="name" required />
          </label>
          <label>
            Role <input type="text" name="role" list="panel-roles" required />
          </label>
          <datalist id="panel-roles">
            {commonRoles.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <button type="submit">Add member</button>
        </form>
      )}
      <QuorumRuleEditor meeting={meeting} run={run} />
      <p className="muted">Quorum: {describeRule(meeting.quorumRule)}.</p>
    </>
  )
}

function QuorumRuleEditor({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [open, setOpen] = useState(false)
  if (meeting.status === 'signed') return null
  if (!open)
    return (
      <button type="button" className="link no-print" onClick={() => setOpen(true)}>
        Change quorum rule for this meeting
      </button>
    )
  return (
    <QuorumRuleForm
      rule={meeting.quorumRule}
      label="Quorum rule"
      onCancel={() => setOpen(false)}
      onSave={async (quorumRule) => {
        const failed = await run('updateMeeting', { meetingId: meeting.id, quorumRule })
        if (!failed) setOpen(false)
        return !failed
      }}
    />
  )
}

function Suggestions({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [list, setList] = useState<AgendaSuggestion[]>()
  const [error, setError] = useState<ApiCallError>()
  const load = (): void => {
    callApi('suggestAgenda', { date: meeting.date, limit: 12 }).then(setList, setError)
  }
  const add = async (s: AgendaSuggestion): Promise<void> => {
    const failed = await run('addAgendaItem', { meetingId: meeting.id, childId: s.childId, reason: s.reasons[0].text })
    if (!failed) setList((l) => l?.filter((x) => x.childId !== s.childId))
  }
  return (
    <div className="suggestions no-print">
      <h2>Suggested children</h2>
      {!list ? (
        <button type="button" onClick={load}>
          Suggest children for {ukDate(meeting.date)}
        </button>
      ) : list.length === 0 ? (
        <p className="muted">No more children to suggest for this date.</p>
      ) : (
        <ol className="suggestion-list" aria-label="Suggested children">
          {list.map((s) => (
            <li key={s.childId}>
              <button type="button" onClick={() => void add(s)} aria-label={`Add ${s.childId} to the agenda`}>
                Add
              </button>{' '}
              <a href={href('child', s.childId)}>{s.childId}</a> {s.name} <span className="muted">{s.legalStatus}</span>
              <ul>
                {s.reasons.map((r) => (
                  <li key={r.code}>{r.text}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {error && <ErrorState error={error} onRetry={load} />}
    </div>
  )
}

function ItemHeader({ meeting, item, index, run }: { meeting: MeetingDetail; item: AgendaItem; index: number; run: Run }): ReactNode {
  const signed = meeting.status === 'signed'
  const saveField = (field: 'slotTime' | 'socialWorker', value: string, before: string | null): void => {
    if ((value || null) !== before) void run('updateAgendaItem', { itemId: item.id, [field]: value || null })
  }
  return (
    <header className="item-head">
      <h3>
        {item.position}. <a href={href('child', item.childId)}>{item.childName}</a> <span className="muted">{item.childId}</span>
      </h3>
      {item.reason && <p className="muted">{item.reason}</p>}
      <div className="form-row">
        <label>
          Time <input type="time" defaultValue={item.slotTime ?? ''} disabled={signed} onBlur={(e) => saveField('slotTime', e.target.value, item.slotTime)} />
        </label>
        <label>
          Presenting social worker{' '}
          <input type="text" defaultValue={item.socialWorker ?? ''} disabled={signed} onBlur={(e) => saveField('socialWorker', e.target.value.trim(), item.socialWorker)} />
        </label>
        {!signed && (
          <span className="no-print">
            <button type="button" disabled={index === 0} onClick={() => void run('moveAgendaItem', { itemId: item.id, position: item.position - 1 })} aria-label={`Move ${item.childName} up`}>
              ↑
            </button>{' '}
            <button
              type="button"
              disabled={index === meeting.agenda.length - 1}
              onClick={() => void run('moveAgendaItem', { itemId: item.id, position: item.position + 1 })}
              aria-label={`Move ${item.childName} down`}
            >
              ↓
            </button>{' '}
            {!item.decision && (
              <button type="button" onClick={() => void run('removeAgendaItem', { itemId: item.id })} aria-label={`Take ${item.childName} off the agenda`}>
                Remove
              </button>
            )}
          </span>
        )}
      </div>
    </header>
  )
}

function Papers({ item, signed, run, onError }: { item: AgendaItem; signed: boolean; run: Run; onError: (e: ApiCallError) => void }): ReactNode {
  const attach = async (kind: string, file: File | undefined): Promise<void> => {
    if (!file) return
    if (file.size > 20 * 1024 * 1024) return onError(new ApiCallError('invalid_input', `${file.name} is over the 20 MB limit for papers.`))
    await run('attachPaper', { itemId: item.id, kind, fileName: file.name, contentBase64: await fileToBase64(file) })
  }
  const open = (kind: string): void => {
    callApi('readPaper', { itemId: item.id, kind }).then((f) => downloadBase64(f.fileName, f.contentBase64), onError)
  }
  return (
    <ul className="papers" aria-label={`Papers for ${item.childName}`}>
      {item.papers.map((p) => (
        <li key={p.kind}>
          <label>
            <input type="checkbox" checked={p.received} disabled={signed} onChange={(e) => void run('setPaper', { itemId: item.id, kind: p.kind, received: e.target.checked })} /> {p.kind}
          </label>
          {p.file ? (
            <button type="button" className="link" onClick={() => open(p.kind)} title={`SHA-256 ${p.file.sha256}; added by ${p.file.addedBy}`}>
              {p.file.name} ({Math.ceil(p.file.size / 1024)} KB)
            </button>
          ) : (
            !signed && (
              <label className="attach no-print">
                Attach <input type="file" aria-label={`Attach ${p.kind} for ${item.childName}`} onChange={(e) => void attach(p.kind, e.target.files?.[0])} />
              </label>
            )
          )}
        </li>
      ))}
    </ul>
  )
}

function DecisionView({ decision: d, superseded }: { decision: PanelDecision; superseded: PanelDecision[] }): ReactNode {
  return (
    <div className="decision" data-testid="decision">
      <p>
        <span className={`outcome outcome-${d.outcome}`}>{outcomeLabels[d.outcome]}</span>
        {d.returnDate && <span> · {d.outcome === 'deferred' ? 'returns by' : 'review by'} {ukDate(d.returnDate)}</span>}
        {d.quorate === false && <strong className="flag"> · recorded while not quorate</strong>}
        {d.locked && <span className="muted"> · locked</span>}
      </p>
      <p>
        <strong>Reasons:</strong> {d.reasons}
      </p>
      {d.conditions && (
        <p>
          <strong>Conditions:</strong> {d.conditions}
        </p>
      )}
      {d.support && (
        <p>
          <strong>Support and training:</strong> {d.support}
        </p>
      )}
      {d.dissent && (
        <p>
          <strong>Dissent:</strong> {d.dissent}
        </p>
      )}
      {d.amendsId !== null && (
        <p className="flag">
          Amended by {d.recordedBy} on {ukDate(d.recordedAt.slice(0, 10))}: {d.amendmentReason}
        </p>
      )}
      {superseded.map((s) => (
        <p key={s.id} className="superseded">
          Superseded: {outcomeLabels[s.outcome]} — {s.reasons}
        </p>
      ))}
      {[d, ...superseded].some((x) => x.actions.length > 0) && (
        <ul className="actions">
          {[d, ...superseded].flatMap((x) => x.actions).map((a) => (
            <li key={a.id}>
              {a.description} — {a.owner}
              {a.dueDate && `, due ${ukDate(a.dueDate)}`} <span className={`action-${a.status}`}>({a.status})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** The item's audit trail, loaded when opened: who changed what, when, before and after. */
function History({ item }: { item: AgendaItem }): ReactNode {
  const [entries, setEntries] = useState<HistoryEntry[]>()
  const [error, setError] = useState<ApiCallError>()
  const load = (open: boolean): void => {
    if (open) callApi('itemHistory', { itemId: item.id }).then(setEntries, setError)
  }
  return (
    <details className="history no-print" onToggle={(e) => load(e.currentTarget.open)}>
      <summary>History</summary>
      {error && <ErrorState error={error} />}
      {entries && (
        <ol aria-label={`History of ${item.childName}`}>
          {entries.map((h, i) => (
            <li key={i}>
              <span className="muted">{new Date(h.at).toLocaleString('en-GB')}</span> · {h.who} · <strong>{h.action}</strong>
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: {c.before === null ? '' : <del>{c.before}</del>}
                      {c.before !== null && ' → '}
                      {c.after ?? <em>cleared</em>}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}

function SignOff({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [confirming, setConfirming] = useState(false)
  const undecided = meeting.agenda.filter((i) => !i.decision).length
  if (!confirming)
    return (
      <button type="button" className="primary" disabled={meeting.agenda.length === 0 || undecided > 0} onClick={() => setConfirming(true)}
        title={undecided ? `${undecided} item(s) still need a decision` : undefined}>
        Sign off minutes
      </button>
    )
  return (
    <span role="group" aria-label="Confirm sign-off">
      Signed decisions are locked; later corrections are amendments.{' '}
      <button type="button" className="primary" onClick={() => void run('signOffMeeting', { meetingId: meeting.id }).then(() => setConfirming(false))}>
        Confirm sign-off
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  )
}
