import { useEffect, useRef, useState, type ReactNode } from 'react'
import { KeepFocusButton } from './KeepFocusButton'

/**
 * Whether an action's confirmation is showing in place of the button that asked for it.
 * Cancelling removes the confirmation under the focus: it goes back to that button
 * (`returnTo`, its id), not to the page's start.
 */
export function useConfirming(returnTo: string): { confirming: boolean; ask: () => void; cancel: () => void; close: () => void } {
  const [confirming, setConfirming] = useState(false)
  const cancelled = useRef(false)
  useEffect(() => {
    if (confirming || !cancelled.current) return
    cancelled.current = false
    document.getElementById(returnTo)?.focus()
  }, [confirming, returnTo])
  return {
    confirming,
    ask: () => setConfirming(true),
    cancel: () => {
      cancelled.current = true
      setConfirming(false)
    },
    close: () => setConfirming(false)
  }
}

/**
 * The second step of an action that is not simply taken back (signing minutes off,
 * unlinking a carer, dropping unsaved edits): what it does, the confirming button,
 * focused when shown so the keyboard user confirms or cancels without hunting for it,
 * and Cancel. Escape cancels.
 * The confirming button keeps the focus while the action runs.
 */
export function InlineConfirm({
  label,
  confirm,
  cancel = 'Cancel',
  focusCancel = false,
  busy = false,
  onConfirm,
  onCancel,
  children
}: {
  /** The group's name for a screen reader: "Confirm sign-off". */
  label: string
  /** The confirming button's text. */
  confirm: string
  /** The cancelling button's text. */
  cancel?: string
  /** Focus Cancel when shown instead, where confirming throws work away. */
  focusCancel?: boolean
  busy?: boolean
  onConfirm: () => void
  onCancel: () => void
  children: ReactNode
}): ReactNode {
  return (
    <span
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        e.stopPropagation()
        onCancel()
      }}
    >
      {children}{' '}
      <KeepFocusButton className="primary" autoFocus={!focusCancel} inactive={busy} onClick={onConfirm}>
        {confirm}
      </KeepFocusButton>{' '}
      <button type="button" autoFocus={focusCancel} onClick={onCancel}>
        {cancel}
      </button>
    </span>
  )
}
