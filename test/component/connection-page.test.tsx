import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { ApiClient, ConnectionState } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const desk: ConnectionState = {
  keeper: 'desktop',
  current: { engine: 'sqlite', location: '/home/a/.config/Permanence Desk/permanence.db' },
  saved: null,
  encryptionAvailable: true,
  overriddenBy: null
}

async function renderPage(answers: Parameters<typeof fakeApi>[0], override: Partial<ApiClient> = {}) {
  const fake = fakeApi(answers)
  window.api = { ...fake.api, ...override }
  vi.resetModules()
  const { ConnectionPage } = await import('../../src/renderer/src/pages/ConnectionPage')
  render(<ConnectionPage />)
  await screen.findByRole('heading', { name: 'Database connection' })
  return fake
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('the database connection page', () => {
  it('tests and saves the settings typed, then says the change comes at the next start', async () => {
    const saved = {
      ...desk,
      saved: {
        host: 'db.council.example',
        port: 5432,
        database: 'permanence',
        user: 'asmith',
        sslmode: 'verify-full' as const,
        caFile: '/etc/ca.pem',
        hasPassword: true
      }
    }
    const fake = await renderPage({
      getConnection: desk,
      testConnection: {
        connected: true,
        serverVersion: '15.8',
        message: 'Connected to PostgreSQL 15.8 at db.council.example:5432, database "permanence", as "asmith", encrypted.'
      },
      saveConnection: saved
    })
    expect(screen.getByText(/this desk’s embedded database/)).toBeTruthy()
    type('Server', 'db.council.example')
    type('User', 'asmith')
    type('Password', 's3cret pass')
    type('Certificate authority file (PEM)', '/etc/ca.pem')
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByTestId('connection-test')).textContent).toMatch(/^Connected to PostgreSQL 15\.8/)
    const settings = { host: 'db.council.example', port: 5432, database: 'permanence', user: 'asmith', sslmode: 'verify-full', caFile: '/etc/ca.pem' }
    expect(fake.calls.at(-1)).toEqual({ name: 'testConnection', input: { settings, password: 's3cret pass' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save for the next start' }))
    expect(
      (await screen.findByText(/^Saved\. Permanence Desk will open the team database permanence on db\.council\.example the next time it starts/)).textContent
    ).toBeTruthy()
    // The save is followed by a fresh read of the settings (the cache refreshes after every write).
    expect(fake.calls.slice(-2)).toEqual([
      { name: 'saveConnection', input: { settings, password: 's3cret pass' } },
      { name: 'getConnection', input: {} }
    ])
    // The password is not kept on screen once saved; the field says one is saved.
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('')
    expect((screen.getByLabelText('Password') as HTMLInputElement).placeholder).toBe('Saved (leave empty to keep it)')
  })

  it('shows why a test failed, and a refusal to keep a password, in plain words', async () => {
    await renderPage(
      {
        getConnection: { ...desk, encryptionAvailable: false },
        testConnection: {
          connected: false,
          serverVersion: null,
          message: 'The server refused the password for user "asmith". Check the user name and password.'
        }
      },
      {
        saveConnection: async () => ({
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'This computer offers no encryption for saved passwords (no key store for this user), so the password was not saved and nothing changed.'
          }
        })
      }
    )
    expect(screen.getByText(/This computer offers no encryption for saved passwords, so the app will not keep one/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByTestId('connection-test')).textContent).toBe(
      'The server refused the password for user "asmith". Check the user name and password.'
    )
    type('Password', 'x')
    fireEvent.click(screen.getByRole('button', { name: 'Save for the next start' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/password was not saved and nothing changed/)
  })

  it('goes back to the embedded database', async () => {
    const saved = {
      ...desk,
      current: { engine: 'postgres' as const, location: 'postgresql://asmith@db:5432/permanence' },
      saved: { host: 'db', port: 5432, database: 'permanence', user: 'asmith', sslmode: 'disable' as const, caFile: null, hasPassword: false }
    }
    const fake = await renderPage({ getConnection: saved, useEmbeddedDatabase: { ...saved, saved: null } })
    expect(screen.queryByLabelText('Certificate authority file (PEM)')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Use embedded database (this desk only)' }))
    await screen.findByText(/will open this desk’s own embedded database the next time it starts/)
    expect(fake.calls.map((c) => c.name)).toContain('useEmbeddedDatabase')
    await waitFor(() => expect((screen.getByRole('button', { name: 'Use embedded database (this desk only)' }) as HTMLButtonElement).disabled).toBe(true))
  })

  it('in browser mode explains that the desktop app keeps the password, and offers no save', async () => {
    await renderPage({ getConnection: { ...desk, keeper: 'none' } })
    expect(screen.getByTestId('browser-note').textContent).toMatch(
      /Only the desktop app keeps a connection.*--db postgres:\/\/.*PERMANENCE_DB.*PGPASSWORD.*~\/\.pgpass/
    )
    expect(screen.queryByRole('button', { name: 'Save for the next start' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Use embedded database/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeTruthy()
  })
})
