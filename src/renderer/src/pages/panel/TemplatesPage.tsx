import { useEffect, useState, type ReactNode } from 'react'
import type { PanelTemplate, TemplateKind } from '../../../../shared/api'
import { ApiCallError, callApi } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../router'

/** The council's own minutes and letter templates, with {{placeholders}}. */
export function TemplatesPage(): ReactNode {
  const [kind, setKind] = useState<TemplateKind>('letter')
  const [template, setTemplate] = useState<PanelTemplate>()
  const [html, setHtml] = useState('')
  const [error, setError] = useState<ApiCallError>()
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    setTemplate(undefined)
    callApi('getTemplate', { kind }).then((t) => {
      setTemplate(t)
      setHtml(t.html)
    }, setError)
  }, [kind])
  const save = (value: string | null): void => {
    callApi('saveTemplate', { kind, html: value }).then((t) => {
      setTemplate(t)
      setHtml(t.html)
      setError(undefined)
      setSaved(true)
    }, setError)
  }
  return (
    <section>
      <h1>Minutes and letter templates</h1>
      <p>
        <a href={href('panel')}>← Permanence Panel</a>
      </p>
      <div className="toolbar">
        <label>
          Template{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as TemplateKind)}>
            <option value="letter">Decision letter to carers</option>
            <option value="minutes">Panel minutes</option>
          </select>
        </label>
      </div>
      {error && <ErrorState error={error} />}
      {!template ? (
        <Loading what="the template" />
      ) : (
        <>
          <p className="muted">
            {template.customised ? 'Your council’s template.' : 'The built-in template.'} HTML for formatting; each placeholder is replaced by its value, made safe
            for printing.
          </p>
          <details>
            <summary>Placeholders</summary>
            <dl className="placeholders">
              {template.placeholders.map((p) => (
                <div key={p.name}>
                  <dt>
                    <code>{`{{${p.name}}}`}</code>
                  </dt>
                  <dd>{p.meaning}</dd>
                </div>
              ))}
            </dl>
          </details>
          <textarea
            className="template-editor"
            aria-label="Template HTML"
            rows={18}
            value={html}
            onChange={(e) => {
              setHtml(e.target.value)
              setSaved(false)
            }}
          />
          <div className="form-row">
            <button type="button" className="primary" onClick={() => save(html)}>
              Save template
            </button>
            {template.customised && (
              <button type="button" onClick={() => save(null)}>
                Restore the built-in template
              </button>
            )}
            {saved && <span role="status">Saved.</span>}
          </div>
        </>
      )}
    </section>
  )
}
