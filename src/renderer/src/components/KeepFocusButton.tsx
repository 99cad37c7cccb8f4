import type { ButtonHTMLAttributes, ReactNode } from 'react'

/**
 * A button that cannot be pressed for now (its work is running, or there is nothing to do)
 * but keeps the keyboard focus: it is aria-disabled and ignores presses. The disabled
 * attribute would drop the focus to the page's start the moment a button pressed from the
 * keyboard disabled itself while it worked.
 */
export function KeepFocusButton({
  inactive,
  onClick,
  type = 'button',
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled' | 'type'> & { inactive: boolean; type?: 'button' | 'submit' }): ReactNode {
  return (
    <button
      {...rest}
      type={type}
      aria-disabled={inactive || undefined}
      onClick={(e) => {
        // Cancelling the press also stops a submit button sending its form (Enter in a field presses it too).
        if (inactive) e.preventDefault()
        else onClick?.(e)
      }}
    />
  )
}
