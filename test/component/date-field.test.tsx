import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { DateField, TimeField } from '../../src/renderer/src/components/DateField'

function Controlled({ initial = '', onValue, ...rest }: { initial?: string; onValue: (v: string) => void; min?: string; max?: string; required?: boolean }) {
  const [value, setValue] = useState(initial)
  return (
    <>
      <DateField
        id="d"
        label="Review date"
        value={value}
        onChange={(v) => {
          setValue(v)
          onValue(v)
        }}
        {...rest}
      />
      <button type="button" onClick={() => setValue('2021-01-02')}>
        Reset
      </button>
    </>
  )
}

const input = () => screen.getByLabelText('Review date') as HTMLInputElement

describe('DateField', () => {
  it('shows an ISO value as DD/MM/YYYY in a text input, never a browser date input', () => {
    render(<Controlled initial="2026-11-30" onValue={() => {}} />)
    expect(input().type).toBe('text')
    expect(input().value).toBe('30/11/2026')
    expect(input().placeholder).toBe('DD/MM/YYYY')
  })

  it('reports ISO for a typed UK date, including D/M/YYYY, and tidies it on leaving', () => {
    const onValue = vi.fn()
    render(<Controlled onValue={onValue} />)
    fireEvent.change(input(), { target: { value: '1/4/2020' } })
    expect(onValue).toHaveBeenLastCalledWith('2020-04-01')
    fireEvent.blur(input())
    expect(input().value).toBe('01/04/2020')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows a clear error for an impossible date once the person leaves the field, and reports no value', () => {
    const onValue = vi.fn()
    render(<Controlled initial="2020-03-01" onValue={onValue} />)
    fireEvent.change(input(), { target: { value: '31/02/2020' } })
    expect(onValue).toHaveBeenLastCalledWith('')
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.blur(input())
    expect(screen.getByRole('alert').textContent).toBe('31/02/2020 is not a real date.')
    expect(input().getAttribute('aria-invalid')).toBe('true')
    expect(input().getAttribute('aria-describedby')).toContain('d-error')
    expect(input().validity.valid).toBe(false)
  })

  it('refuses an American or two-digit-year date with the format to use', () => {
    render(<Controlled onValue={() => {}} />)
    fireEvent.change(input(), { target: { value: '11/30/2026' } })
    fireEvent.blur(input())
    expect(screen.getByRole('alert').textContent).toBe('11/30/2026 is not a real date.')
    fireEvent.change(input(), { target: { value: '30/11/26' } })
    expect(screen.getByRole('alert').textContent).toBe('Enter a date as DD/MM/YYYY, for example 31/03/2020.')
  })

  it('refuses a date outside min and max, naming the limit in UK form', () => {
    const onValue = vi.fn()
    render(<Controlled onValue={onValue} min="2020-04-01" max="2020-12-31" />)
    fireEvent.change(input(), { target: { value: '31/03/2020' } })
    fireEvent.blur(input())
    expect(screen.getByRole('alert').textContent).toBe('The date must be on or after 01/04/2020.')
    fireEvent.change(input(), { target: { value: '01/01/2021' } })
    expect(screen.getByRole('alert').textContent).toBe('The date must be on or before 31/12/2020.')
    expect(onValue).not.toHaveBeenCalledWith('2021-01-01')
    fireEvent.change(input(), { target: { value: '01/01/1900' } })
    expect(onValue).not.toHaveBeenCalledWith('1900-01-01')
  })

  it('refuses a year before 1900 even without a minimum', () => {
    render(<Controlled onValue={() => {}} />)
    fireEvent.change(input(), { target: { value: '01/01/1899' } })
    fireEvent.blur(input())
    expect(screen.getByRole('alert').textContent).toBe('The date must be on or after 01/01/1900.')
  })

  it('asks for a date when required and left empty, and blocks the form', () => {
    render(
      <form>
        <DateField id="d" label="Review date" value="" onChange={() => {}} required />
      </form>
    )
    expect(input().validity.valid).toBe(false)
    fireEvent.blur(input())
    expect(screen.getByRole('alert').textContent).toBe('Enter a date as DD/MM/YYYY.')
  })

  it('takes a new value from outside', () => {
    render(<Controlled initial="2020-03-31" onValue={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }))
    expect(input().value).toBe('02/01/2021')
  })

  it('gives a form the ISO value under its name', () => {
    const { container } = render(
      <form>
        <DateField id="d" name="date" label="Meeting date" value="2026-11-30" onChange={() => {}} />
      </form>
    )
    const data = new FormData(container.querySelector('form')!)
    expect(data.get('date')).toBe('2026-11-30')
  })
})

describe('TimeField', () => {
  it('reads 24-hour times and refuses a 12-hour clock', () => {
    const onChange = vi.fn()
    const onBlur = vi.fn()
    render(<TimeField id="t" label="Start" value="10:00" onChange={onChange} onBlur={onBlur} />)
    const time = screen.getByLabelText('Start') as HTMLInputElement
    expect(time.type).toBe('text')
    expect(time.value).toBe('10:00')
    fireEvent.change(time, { target: { value: '1430' } })
    expect(onChange).toHaveBeenLastCalledWith('14:30')
    fireEvent.blur(time)
    expect(onBlur).toHaveBeenLastCalledWith('14:30')
    expect(time.value).toBe('14:30')
    fireEvent.change(time, { target: { value: '2:30 PM' } })
    fireEvent.blur(time)
    expect(screen.getByRole('alert').textContent).toBe('Enter a time as HH:MM on the 24-hour clock, for example 14:30.')
    expect(onBlur).toHaveBeenLastCalledWith('')
  })
})
