import { fireEvent, render, screen, waitFor } from '@testing-library/react'
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
})
