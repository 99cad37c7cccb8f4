import { useState, type FormEvent, type ReactNode } from 'react'
import { sslModeLabels, sslModes, type ConnectionSettings, type ConnectionState, type ConnectionTest, type SslMode } from '../../../shared/api'
import { ApiCallError, callApi, problemWith, useCall } from '../api'
import { ErrorState, FieldNote, PageSkeleton } from '../components/States'

const blank: ConnectionSettings = { host: '', port: 5432, database: 'permanence', user: '', sslmode: 'verify-full', caFile: null }

/**
 * Which database this desk uses: its own embedded one (SQLite), or the council's team
 * database on PostgreSQL. The desktop app keeps the settings and the password (encrypted
 * by the operating system); a change takes effect at the next start.
 */
export function ConnectionPage(): ReactNode {
  const state = useCall('getConnection', {})
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />
  if (!state.data) return <PageSkeleton what="the database connection" />
  return <ConnectionForm state={state.data} />
}

function ConnectionForm({ state: initial }: { state: ConnectionState }): ReactNode {
  const [state, setState] = useState(initial)
  const [form, setForm] = useState<ConnectionSettings>(() => (initial.saved ? { ...blank, ...withoutFlag(initial.saved) } : blank))
  const [password, setPassword] = useState('')
  const [test, setTest] = useState<ConnectionTest | null>(null)
  const [testing, setTesting] = useState(false)
  const [error, setError] = useState<ApiCallError | null>(null)
  const [notice, setNotice] = useState('')
  const desktop = state.keeper === 'desktop'
  // A test's answer belongs to the settings it tried: a change clears it.
  const set = <K extends keyof ConnectionSettings>(key: K, value: ConnectionSettings[K]): void => {
    setForm((f) => ({ ...f, [key]: value }))
    setTest(null)
  }

  const attempt = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setError(null)
    setNotice('')
    try {
      return await work()
    } catch (err) {
      setError(err instanceof ApiCallError ? err : new ApiCallError('internal', String(err)))
      return undefined
    }
  }
  const typed = (): { password?: string } => (password ? { password } : {})
  const runTest = async (): Promise<void> => {
    setTest(null)
    setTesting(true)
    const answer = await attempt(() => callApi('testConnection', { settings: form, ...typed() }))
    setTesting(false)
    if (answer) setTest(answer)
  }
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const next = await attempt(() => callApi('saveConnection', { settings: form, ...typed() }))
    if (!next) return
    setState(next)
    setPassword('')
    setNotice(`Saved. Permanence Desk will open the team database ${form.database} on ${form.host} the next time it starts.`)
  }
  const embedded = async (): Promise<void> => {
    const next = await attempt(() => callApi('useEmbeddedDatabase', {}))
    if (!next) return
    setState(next)
    setNotice('Saved. Permanence Desk will open this desk’s own embedded database the next time it starts.')
  }
  const note = (field: string) => problemWith(error, field)?.message

  return (
    <section className="connection">
      <h1>Database connection</h1>
      <p className="lead">
        Now open: {state.current.engine === 'postgres' ? 'the team database' : 'this desk’s embedded database'} <code>{state.current.location}</code>
      </p>
      {state.overriddenBy && (
        <p className="notice">
          This start was given its database by {state.overriddenBy === 'argument' ? 'the --db option' : 'PERMANENCE_DB'}, which wins over the connection saved
          here.
        </p>
      )}
      {!desktop && (
        <p className="notice" data-testid="browser-note">
          Only the desktop app keeps a connection and its password (encrypted by the operating system). Here, start with{' '}
          <code>--db postgres://USER@HOST:5432/DATABASE?sslmode=verify-full</code> or set <code>PERMANENCE_DB</code>, and give the password with{' '}
          <code>PGPASSWORD</code> or <code>~/.pgpass</code>. You can still test settings below.
        </p>
      )}
      <form className="connection-form" onSubmit={(e) => void save(e)} noValidate>
        <fieldset>
          <legend>Team database (PostgreSQL)</legend>
          <Field id="conn-host" label="Server" note={note('host')}>
            <input
              id="conn-host"
              type="text"
              value={form.host}
              placeholder="db.council.example"
              autoComplete="off"
              onChange={(e) => set('host', e.target.value)}
            />
          </Field>
          <Field id="conn-port" label="Port" note={note('port')}>
            <input id="conn-port" type="number" min={1} max={65535} value={form.port} onChange={(e) => set('port', Number(e.target.value))} />
          </Field>
          <Field id="conn-database" label="Database" note={note('database')}>
            <input id="conn-database" type="text" value={form.database} autoComplete="off" onChange={(e) => set('database', e.target.value)} />
          </Field>
          <Field id="conn-user" label="User" note={note('user')}>
            <input id="conn-user" type="text" value={form.user} autoComplete="username" onChange={(e) => set('user', e.target.value)} />
          </Field>
          <Field id="conn-password" label="Password" note={note('password')}>
            <input
              id="conn-password"
              type="password"
              value={password}
              autoComplete="current-password"
              placeholder={state.saved?.hasPassword ? 'Saved (leave empty to keep it)' : ''}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <Field id="conn-sslmode" label="Encryption" note={note('sslmode')} wide>
            <select id="conn-sslmode" value={form.sslmode} onChange={(e) => set('sslmode', e.target.value as SslMode)}>
              {sslModes.map((m) => (
                <option key={m} value={m}>
                  {sslModeLabels[m]}
                </option>
              ))}
            </select>
          </Field>
          {form.sslmode === 'verify-full' && (
            <Field id="conn-ca" label="Certificate authority file (PEM)" note={note('caFile')}>
              <input
                id="conn-ca"
                type="text"
                value={form.caFile ?? ''}
                placeholder="Empty: the computer's own trusted authorities"
                onChange={(e) => set('caFile', e.target.value.trim() === '' ? null : e.target.value)}
              />
            </Field>
          )}
        </fieldset>
        {desktop && !state.encryptionAvailable && (
          <p className="notice">
            This computer offers no encryption for saved passwords, so the app will not keep one: save without it and use PGPASSWORD or ~/.pgpass.
          </p>
        )}
        {error && <ErrorState error={error} />}
        {test && (
          <p className={`state ${test.connected ? 'ok' : 'error'}`} role="status" data-testid="connection-test">
            {test.message}
          </p>
        )}
        <div className="toolbar">
          <button type="button" onClick={() => void runTest()} disabled={testing}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          {desktop && (
            <button type="submit" className="primary">
              Save for the next start
            </button>
          )}
        </div>
      </form>
      {desktop && (
        <section aria-labelledby="conn-embedded">
          <h2 id="conn-embedded">Embedded database</h2>
          <p>This desk’s own database file, used by nobody else. Choosing it forgets the saved team connection and its password.</p>
          <button type="button" onClick={() => void embedded()} disabled={state.saved === null}>
            Use embedded database (this desk only)
          </button>
        </section>
      )}
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <p className="muted small">
        A change takes effect the next time Permanence Desk starts. The password is never shown again, and never written in plain text.
      </p>
    </section>
  )
}

function Field({ id, label, note, wide, children }: { id: string; label: string; note: string | undefined; wide?: boolean; children: ReactNode }): ReactNode {
  return (
    <div className={`field-stack connection-field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FieldNote id={`${id}-note`} message={note} />
    </div>
  )
}

const withoutFlag = ({ hasPassword: _, ...settings }: ConnectionSettings & { hasPassword: boolean }): ConnectionSettings => settings
