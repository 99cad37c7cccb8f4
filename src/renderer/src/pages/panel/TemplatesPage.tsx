import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TemplateKind } from '../../../../shared/api'
import { useCall, useWrite } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { InlineConfirm, useConfirming } from '../../components/InlineConfirm'
import { href } from '../../router'
import { chipElement, fromEditable, toEditable } from './templateChips'
import { unsavedAttribute } from '../../live'

/** The formatting a template needs; each is the browser's own editing command on the selection. */
const formats: { label: string; command: string; value?: string }[] = [
  { label: 'Heading', command: 'formatBlock', value: 'h2' },
  { label: 'Paragraph', command: 'formatBlock', value: 'p' },
  { label: 'Bold', command: 'bold' },
  { label: 'Italic', command: 'italic' },
  { label: 'Underline', command: 'underline' },
  { label: 'Bulleted list', command: 'insertUnorderedList' },
  { label: 'Numbered list', command: 'insertOrderedList' }
]

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const kindNames: Record<TemplateKind, string> = { letter: 'Decision letter to carers', minutes: 'Panel minutes' }

/**
 * The council's own minutes and letter templates, edited as they will look: formatting
 * from a toolbar, placeholders as chips chosen from a list. The HTML is never shown; the
 * core sanitises what is saved, and again whenever it prints.
 */
export function TemplatesPage(): ReactNode {
  const [kind, setKind] = useState<TemplateKind>('letter')
  const stored = useCall('getTemplate', { kind })
  const saving = useWrite('saveTemplate')
  // Another template's text is never left in the editor while the chosen one loads.
  const template = stored.loading ? undefined : stored.data
  const error = saving.error ?? stored.error
  const [status, setStatus] = useState<string>()
  const [placeholder, setPlaceholder] = useState('')
  const editor = useRef<HTMLDivElement>(null)
  // Where the caret was in the editor, so a placeholder chosen from the list goes there.
  const caret = useRef<Range | null>(null)
  // Edits not yet saved: another template is opened over them only when the user says to drop them.
  const [edited, setEdited] = useState(false)
  const [switchTo, setSwitchTo] = useState<TemplateKind>()
  const asking = useConfirming('template-kind')
  const meanings = useMemo(() => new Map((template?.placeholders ?? []).map((p) => [p.name, capitalise(p.meaning)])), [template])

  useEffect(() => {
    if (template) setPlaceholder((chosen) => (template.placeholders.some((p) => p.name === chosen) ? chosen : (template.placeholders[0]?.name ?? '')))
  }, [template])

  // The editor is left to the browser while typing; its content is set only when a template arrives.
  useEffect(() => {
    if (!template || !editor.current) return
    editor.current.innerHTML = toEditable(template.html, meanings)
    setEdited(false)
  }, [template, meanings])

  useEffect(() => {
    const remember = (): void => {
      const selection = document.getSelection()
      if (selection?.rangeCount && editor.current?.contains(selection.anchorNode)) caret.current = selection.getRangeAt(0).cloneRange()
    }
    document.addEventListener('selectionchange', remember)
    return () => document.removeEventListener('selectionchange', remember)
  }, [])

  const changed = (): void => {
    setStatus(undefined)
    setEdited(true)
  }

  const choose = (next: TemplateKind): void => {
    if (!edited) {
      setKind(next)
      return
    }
    setSwitchTo(next)
    asking.ask()
  }

  const format = (command: string, value?: string): void => {
    editor.current?.focus()
    const selection = document.getSelection()
    if (caret.current && selection) {
      selection.removeAllRanges()
      selection.addRange(caret.current)
    }
    // execCommand is the one editing API browsers share for contenteditable; the core sanitises whatever markup it makes.
    document.execCommand(command, false, value)
    changed()
  }

  const insertPlaceholder = (): void => {
    const root = editor.current
    if (!root || !placeholder) return
    root.focus()
    let range = caret.current
    if (!range || !root.contains(range.startContainer)) {
      range = document.createRange()
      range.selectNodeContents(root.lastElementChild ?? root)
      range.collapse(false)
    }
    range.deleteContents()
    const chip = chipElement(placeholder, meanings.get(placeholder) ?? placeholder)
    range.insertNode(chip)
    range.setStartAfter(chip)
    range.collapse(true)
    const selection = document.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    caret.current = range.cloneRange()
    changed()
  }

  const save = async (html: string | null): Promise<void> => {
    if (!(await saving.run({ kind, html })).ok) return
    setEdited(false)
    setStatus(html === null ? 'The built-in template is back in use.' : 'Saved. Anything beyond formatting (links, images, scripts) was left out.')
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
          <select id="template-kind" value={kind} onChange={(e) => choose(e.target.value as TemplateKind)}>
            {Object.entries(kindNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {asking.confirming && switchTo && (
          <InlineConfirm
            label="Unsaved changes"
            confirm={`Discard them and open ${kindNames[switchTo]}`}
            cancel="Keep editing"
            focusCancel
            onCancel={asking.cancel}
            onConfirm={() => {
              setKind(switchTo)
              setEdited(false)
              // Back to the Template list, as after Keep editing.
              asking.cancel()
            }}
          >
            Your changes to “{kindNames[kind]}” are not saved.
          </InlineConfirm>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {!template && <Loading what="the template" />}
      <div hidden={!template}>
        <p className="muted">
          {template?.customised ? 'Your council’s template.' : 'The built-in template.'} Type and format the text as it should print; the shaded chips are
          filled in for each meeting or child.
        </p>
        <div className="template-tools" role="toolbar" aria-label="Formatting">
          {formats.map((f) => (
            <button key={f.label} type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => format(f.command, f.value)}>
              {f.label}
            </button>
          ))}
          <span className="placeholder-picker">
            <label htmlFor="template-placeholder">Placeholder</label>
            <select id="template-placeholder" value={placeholder} onChange={(e) => setPlaceholder(e.target.value)}>
              {template?.placeholders.map((p) => (
                <option key={p.name} value={p.name}>
                  {capitalise(p.meaning)}
                </option>
              ))}
            </select>
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={insertPlaceholder}>
              Insert placeholder
            </button>
          </span>
        </div>
        <div
          ref={editor}
          className="template-editor print-doc"
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-label={`${kind === 'letter' ? 'Decision letter' : 'Minutes'} template`}
          onInput={changed}
          // Leaving the page over unsaved edits asks first (router.ts).
          {...{ [unsavedAttribute]: String(edited) }}
        />
        <div className="form-row">
          <button type="button" className="primary" onClick={() => editor.current && void save(fromEditable(editor.current))}>
            Save template
          </button>
          {template?.customised && (
            <button type="button" onClick={() => void save(null)}>
              Restore the built-in template
            </button>
          )}
          <span role="status">{status}</span>
        </div>
      </div>
    </section>
  )
}
