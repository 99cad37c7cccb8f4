import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { PanelTemplate } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const letter: PanelTemplate = {
  kind: 'letter',
  html: '<p>Dear {{carer_name}},</p><h1>Decision for {{child_name}}</h1><p><strong>Decision:</strong> {{outcome}}</p>',
  customised: false,
  placeholders: [
    { name: 'carer_name', meaning: "the child's current carer" },
    { name: 'child_name', meaning: "the child's name" },
    { name: 'outcome', meaning: "the panel's decision" }
  ]
}

async function renderTemplates() {
  const fake = fakeApi({ getTemplate: letter, saveTemplate: { ...letter, customised: true } })
  window.api = fake.api
  vi.resetModules()
  const { TemplatesPage } = await import('../../src/renderer/src/pages/panel/TemplatesPage')
  render(<TemplatesPage />)
  const editor = await screen.findByRole('textbox', { name: 'Decision letter template' })
  await waitFor(() => expect(editor.textContent).toContain('Dear'))
  return { fake, editor }
}

// Each test imports the page afresh (its module reads window.api): slow on a shared machine.
describe('template editor', () => {
  it('shows the template as it prints, placeholders as chips in words, never raw HTML', async () => {
    const { editor } = await renderTemplates()
    expect(editor.querySelector('h1')!.textContent).toBe("Decision for The child's name")
    expect([...editor.querySelectorAll('[data-placeholder]')].map((c) => c.getAttribute('data-placeholder'))).toEqual(['carer_name', 'child_name', 'outcome'])
    expect(document.body.textContent).not.toMatch(/<p>|<strong>|\{\{/)
    expect(screen.queryByRole('textbox', { name: /HTML/ })).toBeNull()
  })

  it('inserts a placeholder from the list where the caret is, and saves it as {{name}}', async () => {
    const { fake, editor } = await renderTemplates()
    const last = editor.querySelector('p:last-child')!
    const range = document.createRange()
    range.selectNodeContents(last)
    range.collapse(false)
    document.getSelection()!.removeAllRanges()
    document.getSelection()!.addRange(range)
    document.dispatchEvent(new Event('selectionchange'))
    fireEvent.change(screen.getByLabelText('Placeholder'), { target: { value: 'child_name' } })
    fireEvent.click(screen.getByRole('button', { name: 'Insert placeholder' }))
    expect(last.lastElementChild?.getAttribute('data-placeholder')).toBe('child_name')
    fireEvent.click(screen.getByRole('button', { name: 'Save template' }))
    await waitFor(() => expect(fake.calls.some((c) => c.name === 'saveTemplate')).toBe(true))
    const saved = (fake.calls.find((c) => c.name === 'saveTemplate')!.input as { html: string }).html
    expect(saved).toBe('<p>Dear {{carer_name}},</p><h1>Decision for {{child_name}}</h1><p><strong>Decision:</strong> {{outcome}}{{child_name}}</p>')
    await screen.findByText(/^Saved\./)
  })

  it('asks before another template is opened over unsaved edits; Keep editing (or Escape) keeps them', async () => {
    const { fake, editor } = await renderTemplates()
    const opened = () => fake.calls.filter((c) => c.name === 'getTemplate').map((c) => (c.input as { kind: string }).kind)
    editor.querySelector('p')!.textContent = 'Dear carers,'
    fireEvent.input(editor)
    const select = screen.getByLabelText('Template') as HTMLSelectElement
    // What an arrow key on the closed list does.
    fireEvent.change(select, { target: { value: 'minutes' } })
    const question = await screen.findByRole('group', { name: 'Unsaved changes' })
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep editing' })))
    expect(select.value).toBe('letter')
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    await waitFor(() => expect(document.activeElement).toBe(select))
    expect(screen.queryByRole('group', { name: 'Unsaved changes' })).toBeNull()
    expect(editor.textContent).toContain('Dear carers,')
    expect(opened()).toEqual(['letter'])

    fireEvent.change(select, { target: { value: 'minutes' } })
    fireEvent.click(await screen.findByRole('button', { name: 'Discard them and open Panel minutes' }))
    await waitFor(() => expect(opened()).toEqual(['letter', 'minutes']))
    await waitFor(() => expect(document.activeElement).toBe(select))
  })

  it('opens another template at once when nothing was edited', async () => {
    const { fake } = await renderTemplates()
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'minutes' } })
    await waitFor(() => expect(fake.calls.filter((c) => c.name === 'getTemplate').length).toBe(2))
    expect(screen.queryByRole('group', { name: 'Unsaved changes' })).toBeNull()
  })
})
