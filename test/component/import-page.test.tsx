import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { DataImportSummary, ImportProgress, RowIssue } from '../../src/shared/api'
import { fakeApi } from './fake-api'

const postcode = (row: number): RowIssue => ({
  file: 'Episodes.csv',
  row,
  column: 'HOME_POST',
  value: `BAD ${row}`,
  reason: 'HOME_POST does not look like a UK postcode'
})
const summary = (over: Partial<DataImportSummary>): DataImportSummary => ({
  kind: '903',
  dryRun: true,
  inserted: 0,
  updated: 0,
  unchanged: 40,
  rejected: [{ file: 'Episodes.csv', row: 9, column: 'PLACE', value: 'Q9', reason: 'Q9 is not a PLACE code' }],
  warnings: [postcode(2), postcode(3), postcode(4), postcode(5)],
  warningGroups: [
    { rule: 'HOME_POST does not look like a UK postcode', column: 'HOME_POST', count: 5570, examples: [postcode(2), postcode(3), postcode(4)] },
    {
      rule: 'placed with parents (P1) should have PLACE_PROVIDER PR0',
      column: 'PLACE_PROVIDER',
      count: 1,
      examples: [{ file: 'Episodes.csv', row: 7, column: 'PLACE_PROVIDER', value: 'PR4', reason: 'placed with parents (P1) should have PLACE_PROVIDER PR0' }]
    }
  ],
  totals: { rejectedRows: 1, rejected: 1, warnings: 5571 },
  files: [{ name: 'Episodes.csv', sha256: 'x', table: '903 Episodes', rows: 5600 }],
  batchId: null,
  ...over
})

describe('Import & export page', () => {
  it('shows warnings grouped by rule, collapsed, with codes and their meanings; an import that changed nothing names its history entry', async () => {
    const fake = fakeApi({ importHistory: [], importProgress: null, previewImport: summary({}), commitImport: summary({ dryRun: false, batchId: 7 }) })
    window.api = fake.api
    vi.resetModules()
    const { ImportPage } = await import('../../src/renderer/src/pages/ImportPage')
    render(<ImportPage />)
    const input = screen.getByLabelText('903 files') as HTMLInputElement
    fireEvent.change(input, { target: { files: [new File(['CHILD,DECOM\n'], 'Episodes.csv', { type: 'text/csv' })] } })
    const section = screen.getByRole('region', { name: 'Import an SSDA903 return' })
    await waitFor(() => expect((within(section).getByRole('button', { name: 'Check files' }) as HTMLButtonElement).getAttribute('aria-disabled')).toBeNull())
    fireEvent.click(within(section).getByRole('button', { name: 'Check files' }))
    const groups = await screen.findByRole('region', { name: 'Warnings by rule' })
    const details = groups.querySelectorAll('details')
    expect(details).toHaveLength(2)
    expect([...details].every((d) => !d.open)).toBe(true)
    expect(details[0]?.querySelector('summary')?.textContent).toBe('5,570 × HOME_POST: HOME_POST does not look like a UK postcode')
    expect(within(details[0] as HTMLElement).getByText('… and 5,567 more rows like these: every one is in the rejected-row report of the import.')).toBeTruthy()
    // A code is shown with what it means.
    expect(within(details[1] as HTMLElement).getByText('Private (PR4)')).toBeTruthy()
    // One problem with a rejected row is "1 problem", not "1 problems".
    expect(within(section).getByTestId('row-count').textContent).toBe('1 problem')
    expect(fake.calls.find((c) => c.name === 'previewImport')!.input).toMatchObject({ kind: '903', files: [{ fileName: 'Episodes.csv' }] })

    fireEvent.click(within(section).getByRole('button', { name: 'Import' }))
    expect(await screen.findByRole('heading', { name: 'Nothing changed (import number 7)' })).toBeTruthy()
    expect(screen.getByText(/The import is in the history below, with its report of rejected rows and warnings\./)).toBeTruthy()
  })

  /** Checks a 903 file while the core reports `progress`; returns the section and what finishes the check. */
  async function checkingWith(progress: ImportProgress): Promise<{ section: HTMLElement; finish: () => Promise<void> }> {
    const fake = fakeApi({ importHistory: [], importProgress: progress })
    let answer: (value: { ok: true; value: DataImportSummary }) => void = () => undefined
    fake.api.previewImport = () => new Promise((resolve) => (answer = resolve))
    window.api = fake.api
    vi.resetModules()
    const { ImportPage } = await import('../../src/renderer/src/pages/ImportPage')
    render(<ImportPage />)
    fireEvent.change(screen.getByLabelText('903 files'), { target: { files: [new File(['CHILD,DECOM\n'], 'Episodes.csv', { type: 'text/csv' })] } })
    const section = screen.getByRole('region', { name: 'Import an SSDA903 return' })
    await waitFor(() => expect((within(section).getByRole('button', { name: 'Check files' }) as HTMLButtonElement).getAttribute('aria-disabled')).toBeNull())
    fireEvent.click(within(section).getByRole('button', { name: 'Check files' }))
    const finish = async (): Promise<void> => {
      answer({ ok: true, value: summary({}) })
      await within(section).findByRole('heading', { name: 'Preview — nothing written yet' })
    }
    return { section, finish }
  }

  it('says the rows read so far are of all the files, not of the one being read', async () => {
    const { section, finish } = await checkingWith({ phase: 'reading', file: 'Episodes.csv', rows: 126_000, bytes: 5, totalBytes: 10, written: 0, of: 0 })
    expect((await within(section).findByText(/^Reading Episodes\.csv/)).textContent).toBe('Reading Episodes.csv (126,000 rows read so far, all files together)')
    await finish()
  })

  it('says when every record is written and the import is being saved, with a bar that no longer claims a fraction', async () => {
    const { section, finish } = await checkingWith({ phase: 'saving', file: null, rows: 1_000, bytes: 10, totalBytes: 10, written: 900, of: 900 })
    expect(await within(section).findByText('All written; rebuilding the tracker and saving the import…')).toBeTruthy()
    expect(within(section).getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')).toBeNull()
    await finish()
  })

  it('lists the 903 codes with their meanings', async () => {
    window.api = fakeApi({ importHistory: [] }).api
    vi.resetModules()
    const { ImportPage } = await import('../../src/renderer/src/pages/ImportPage')
    render(<ImportPage />)
    // Every format the reader takes is named, so an .ods or old .xls is not assumed unwelcome.
    expect(screen.getByText(/Choose the Header and Episodes files \(CSV, or a workbook: \.xlsx, \.xls or \.ods,/)).toBeTruthy()
    const ls = screen.getByRole('table', { name: 'LS codes' })
    expect(within(ls).getByRole('rowheader', { name: 'C2' }).nextSibling!.textContent).toBe('Full care order')
  })
})
