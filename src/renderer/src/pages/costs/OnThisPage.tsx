import type { ReactNode } from 'react'

/** The headings of the costs page's sections, in page order. */
const sections = [
  ['scenario-title', 'Scenario'],
  ['saved-title', 'Saved scenarios'],
  ['forecast-title', 'Demand forecast'],
  ['sufficiency-title', 'Sufficiency and stability'],
  ['baseline-title', "Today's mix"],
  ['unit-costs-title', 'Unit costs'],
  ['catalogue-title', 'Option catalogue']
] as const

/**
 * The costs page is long; this jumps to a section and puts the focus on its heading.
 * Buttons rather than `#id` links, because the address's hash is the app's route.
 */
export function OnThisPage(): ReactNode {
  const go = (id: string): void => {
    const heading = document.getElementById(id)
    if (!heading) return
    heading.tabIndex = -1
    heading.scrollIntoView({ block: 'start' })
    heading.focus()
  }
  return (
    <nav aria-label="On this page" className="on-this-page no-print">
      <span className="muted">On this page:</span>
      {sections.map(([id, label]) => (
        <button key={id} type="button" className="link" onClick={() => go(id)}>
          {label}
        </button>
      ))}
    </nav>
  )
}
