import { useState, type FormEvent, type ReactNode } from 'react'
import { panelCalls, type MeetingDetail, type QuorumRule } from '../../../../../shared/api'
import { ConflictNotice, conflictCurrent } from '../../../components/ConflictNotice'
import { unsavedAttribute } from '../../../live'
import { fieldErrors, FieldError, type FieldErrors } from '../fieldErrors'
import { describeRule, QuorumRuleForm } from '../QuorumRuleForm'
import type { Run } from './useMeeting'

const commonRoles = ['chair', 'fostering', 'social work', 'independent', 'medical adviser', 'legal adviser', 'education']

/** Who is on the panel and who is present: open while the meeting is not quorate, a one-line summary after. */
export function Members({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [open, setOpen] = useState(!meeting.quorum.quorate)
  const signed = meeting.status === 'signed'
  // A tick shows at once, while it is saved; a failed save puts back the stored attendance (and shows the error).
  const [ticking, setTicking] = useState<ReadonlyMap<number, boolean>>(new Map())
  const attended = (id: number, stored: boolean): boolean => ticking.get(id) ?? stored
  const tick = (memberId: number, value: boolean): void => {
    setTicking((now) => new Map(now).set(memberId, value))
    void run('setAttendance', { memberId, attended: value }).then(() =>
      setTicking((now) => {
        const next = new Map(now)
        next.delete(memberId)
        return next
      })
    )
  }
  const present = meeting.members.filter((m) => attended(m.id, m.attended)).length
  return (
    // A region of its own, so a screen reader's landmarks list has the attendance beside the agenda and the decision.
    <section aria-label="Members and attendance">
      <details className="members-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Members and attendance: {present} of {meeting.members.length} present
        </summary>
        <table className="table members">
          <thead>
            <tr>
              <th>Present</th>
              <th>Name</th>
              <th>Role</th>
              <th className="no-print">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {meeting.members.map((m) => (
              <tr key={m.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Present: ${m.name}`}
                    checked={attended(m.id, m.attended)}
                    disabled={signed}
                    onChange={(e) => tick(m.id, e.target.checked)}
                  />
                </td>
                <td>{m.name}</td>
                <td>{m.role}</td>
                <td className="no-print">
                  {!signed && m.role !== 'chair' && (
                    <button
                      type="button"
                      // The row goes, and the focus with it: it lands where members are added, with word of the removal.
                      onClick={() => void run('removeMember', { memberId: m.id }, { focus: 'add-member-name', notice: `${m.name} removed from the panel.` })}
                      aria-label={`Remove ${m.name}`}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!signed && <AddMember meeting={meeting} run={run} />}
        <QuorumRuleEditor meeting={meeting} run={run} />
        <p className="muted">Quorum: {describeRule(meeting.quorumRule)}.</p>
      </details>
    </section>
  )
}

function AddMember({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [errors, setErrors] = useState<FieldErrors>({})
  const add = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault()
    const form = e.currentTarget
    const data = new FormData(form)
    const input = { meetingId: meeting.id, name: String(data.get('name')), role: String(data.get('role')) }
    const problems = fieldErrors(panelCalls.addMember.input, input)
    setErrors(problems)
    const first = Object.keys(problems)[0]
    if (first) return (form.elements.namedItem(first) as HTMLElement | null)?.focus()
    void run('addMember', input, { focus: 'add-member-name', notice: `${input.name} added to the panel.` }).then((failed) => !failed && form.reset())
  }
  return (
    <form className="form-row no-print" onSubmit={add} aria-label="Add member" noValidate>
      <label>
        Name{' '}
        <input id="add-member-name" type="text" name="name" aria-invalid={!!errors.name} aria-describedby={errors.name ? 'add-member-name-error' : undefined} />
      </label>
      <FieldError id="add-member-name-error" message={errors.name} />
      <label>
        Role{' '}
        <input type="text" name="role" list="panel-roles" aria-invalid={!!errors.role} aria-describedby={errors.role ? 'add-member-role-error' : undefined} />
      </label>
      <FieldError id="add-member-role-error" message={errors.role} />
      <datalist id="panel-roles">
        {commonRoles.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <button type="submit">Add member</button>
    </form>
  )
}

function QuorumRuleEditor({ meeting, run }: { meeting: MeetingDetail; run: Run }): ReactNode {
  const [open, setOpen] = useState(false)
  // The rule and version the form was filled from: the meeting's, or the other person's once loaded.
  const [base, setBase] = useState<{ rule: QuorumRule; version: number; form: number }>()
  const [conflict, setConflict] = useState<{ message: string; theirs: MeetingDetail | null; mine: QuorumRule; loaded: boolean }>()
  if (meeting.status === 'signed') return null
  if (!open)
    return (
      <button
        type="button"
        className="link no-print"
        onClick={() => {
          setBase({ rule: meeting.quorumRule, version: meeting.version, form: 0 })
          setConflict(undefined)
          setOpen(true)
        }}
      >
        Change quorum rule for this meeting
      </button>
    )
  const shown = base ?? { rule: meeting.quorumRule, version: meeting.version, form: 0 }
  return (
    <div {...{ [unsavedAttribute]: String(conflict !== undefined) }}>
      {conflict && (
        <ConflictNotice
          message={conflict.message}
          fields={[{ label: 'Quorum rule', theirs: conflict.theirs ? describeRule(conflict.theirs.quorumRule) : null, mine: describeRule(conflict.mine) }]}
          loaded={conflict.loaded}
          onLoadTheirs={() => {
            if (conflict.theirs) setBase({ rule: conflict.theirs.quorumRule, version: conflict.theirs.version, form: shown.form + 1 })
            setConflict({ ...conflict, loaded: true })
          }}
        />
      )}
      <QuorumRuleForm
        key={shown.form}
        rule={shown.rule}
        label="Quorum rule"
        onCancel={() => setOpen(false)}
        onSave={async (quorumRule) => {
          const failed = await run('updateMeeting', { meetingId: meeting.id, quorumRule, expectedVersion: shown.version }, { showsConflict: true })
          const refused = conflictCurrent<MeetingDetail>(failed)
          if (failed && refused) setConflict({ message: failed.message, theirs: refused.current, mine: quorumRule, loaded: false })
          if (!failed) setOpen(false)
          return !failed
        }}
      />
    </div>
  )
}
