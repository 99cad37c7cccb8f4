/**
 * In the template editor a placeholder is a chip the user can see and move but not edit
 * letter by letter; in the stored template it is `{{name}}`. These convert between the two.
 */
const placeholderPattern = /\{\{\s*([a-z_]+)\s*\}\}/g

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The chip's markup: what the placeholder stands for, in words. */
export const chipHtml = (name: string, meaning: string): string =>
  `<span class="placeholder-chip" contenteditable="false" data-placeholder="${escapeHtml(name)}">${escapeHtml(meaning)}</span>`

export function chipElement(name: string, meaning: string): HTMLElement {
  const span = document.createElement('span')
  span.className = 'placeholder-chip'
  span.contentEditable = 'false'
  span.dataset.placeholder = name
  span.textContent = meaning
  return span
}

/** Stored template (already sanitised by the core) → the editor's content, with chips. */
export function toEditable(html: string, meanings: ReadonlyMap<string, string>): string {
  return html.replace(placeholderPattern, (whole, name: string) => (meanings.has(name) ? chipHtml(name, meanings.get(name)!) : whole))
}

/** The editor's content → the template to store, each chip back to `{{name}}`. */
export function fromEditable(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement
  for (const chip of copy.querySelectorAll<HTMLElement>('[data-placeholder]')) chip.replaceWith(`{{${chip.dataset.placeholder}}}`)
  return copy.innerHTML
}
