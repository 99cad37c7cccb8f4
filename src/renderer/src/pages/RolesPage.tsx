import { useState, type FormEvent, type ReactNode } from 'react'
import { roleLabels, roles, type DeskRole, type Role } from '../../../shared/api'
import { useWrite } from '../api'
import { FieldProblems } from '../components/States'
import { useMe } from '../me'
import { href } from '../router'

const roleWork: Record<Role, string> = {
  chair: 'Permanence Panel meetings, agendas and decisions; the tracker.',
  head_of_service: 'Quarterly review of children without an agreed decision; the dashboard; the tracker.',
  commissioner: 'Placement costs and scenarios, as numbers only: no child’s name or ID.',
  data_officer: 'SSDA903 imports and exports; the list of children.',
  panel_member: 'Permanence Panel meetings, agendas and papers, to read: recording and sign-off are the chair’s.',
  admin: 'Every screen, backups and the team database’s connection.'
}

/** The roles of the person at this desk: they decide the sidebar and the home screen. */
export function RolesPage(): ReactNode {
  const { me } = useMe()
  return me.source === 'team' ? <TeamRoles /> : <DeskRoles />
}

/** On the team database the login's roles are granted by an administrator: shown, never chosen here. */
function TeamRoles(): ReactNode {
  const { me } = useMe()
  return (
    <section>
      <h1>Your roles</h1>
      <p className="lead">The team database gives {me.user} these roles; the sidebar and the home screen follow them.</p>
      {me.roles.length > 0 ? (
        <ul className="team-roles">
          {me.roles.map((r) => (
            <li key={r}>
              <strong>{roleLabels[r]}</strong> <span className="muted">{roleWork[r]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">Your login has no Permanence Desk role yet, so there is nothing to show.</p>
      )}
      <p className="muted small">
        Roles are granted by an administrator with <code>permanence team add-user {me.user} --role … --existing</code>; ask them if you need another one.
      </p>
    </section>
  )
}

function DeskRoles(): ReactNode {
  const { me } = useMe()
  const [picked, setPicked] = useState<DeskRole[]>(me.chosen ? roles.filter((r) => me.roles.includes(r)) : [])
  const saving = useWrite('setMyRoles')
  const error = saving.error
  const [saved, setSaved] = useState(false)
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setSaved(false)
    setSaved((await saving.run({ roles: picked })).ok)
  }
  return (
    <section>
      <h1>Your roles</h1>
      <p className="lead">
        Choose what you do at this desk; the sidebar and the home screen follow. With several roles you get all of their screens.{' '}
        {me.chosen ? '' : 'Until you choose, every role’s screens are shown.'}
      </p>
      <form onSubmit={(e) => void save(e)} className="roles-form">
        <fieldset>
          <legend>Roles of {me.user}</legend>
          {roles.map((r) => (
            <label key={r} className="role-choice">
              <input
                type="checkbox"
                checked={picked.includes(r)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, r] : picked.filter((p) => p !== r))}
              />
              <span>
                <strong>{roleLabels[r]}</strong> <span className="muted">{roleWork[r]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error && (
          <div className="state error" role="alert">
            {error.fields.length ? <FieldProblems error={error} /> : error.message}
          </div>
        )}
        <div className="toolbar">
          <button type="submit" className="primary" disabled={picked.length === 0}>
            Save roles
          </button>
          {saved && (
            <span role="status">
              Saved. <a href={href('')}>Go to your home screen</a>
            </span>
          )}
        </div>
      </form>
      <p className="muted small">
        Kept in this desk’s settings and recorded in the audit log. When the app is connected to the team database, roles will come from there instead, and it
        will refuse children’s names and IDs to commissioners itself.
      </p>
    </section>
  )
}
