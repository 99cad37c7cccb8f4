import { useState, type InputHTMLAttributes, type ReactNode } from 'react'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'onBlur'> & {
  value: number
  /** Each number typed, as typed: the scenario's rules (whole years, no negative places) are the core's to refuse, beside the field. */
  onValue: (n: number) => void
  /** Whether the field is blank now, for a note saying what the figures still use. */
  onBlank?: (blank: boolean) => void
}

/**
 * A number field that shows what is being typed. Fed straight from the scenario, a field
 * turned a cleared '5' into '0' and the next key into '07', swallowed the '-' of '-2' (so
 * −2% became +2%), and a cleared Years snapped to 1 and read 17 for a 7. Until the text is
 * a number the scenario keeps its last one; leaving the field shows the number in use.
 */
export function NumberInput({ value, onValue, onBlank, ...input }: Props): ReactNode {
  const [typed, setTyped] = useState<string | null>(null)
  return (
    <input
      {...input}
      type="number"
      value={typed ?? String(value)}
      onChange={(e) => {
        const text = e.target.value
        setTyped(text)
        const blank = text.trim() === '' && !e.target.validity.badInput
        onBlank?.(blank)
        const n = Number(text)
        if (text.trim() !== '' && Number.isFinite(n)) onValue(n)
      }}
      onBlur={() => {
        setTyped(null)
        onBlank?.(false)
      }}
    />
  )
}
