import type { ReactNode } from 'react'

/** "Endorsed, agreed ," → ["Endorsed", "agreed"]: the words a user typed for one value. */
export const splitWords = (s: string): string[] =>
  s
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean)

interface Props<K extends string, W extends Partial<Record<K, string>>> {
  keys: readonly K[]
  labels: Record<K, string>
  words: W
  onChange: (words: W) => void
}

/** The file's own words for each value of a mapped column (outcomes, kinds of carer), comma-separated. */
export function MappedWords<K extends string, W extends Partial<Record<K, string>>>({ keys, labels, words, onChange }: Props<K, W>): ReactNode {
  return (
    <div className="toolbar">
      {keys.map((k) => (
        <label key={k}>
          {labels[k]}{' '}
          <input type="text" value={words[k] ?? ''} aria-label={`Words for ${labels[k]}`} onChange={(e) => onChange({ ...words, [k]: e.target.value })} />
        </label>
      ))}
    </div>
  )
}
