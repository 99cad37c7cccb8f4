import { useEffect, useRef, type RefObject } from 'react'

/**
 * The element to focus when work started by a button ends: the button disables itself
 * while busy, which drops keyboard focus to the page's start; the outcome takes it instead.
 */
export function useFocusWhenDone<T extends HTMLElement>(busy: boolean): RefObject<T | null> {
  const outcome = useRef<T>(null)
  const wasBusy = useRef(false)
  useEffect(() => {
    if (busy) wasBusy.current = true
    else if (wasBusy.current) {
      wasBusy.current = false
      outcome.current?.focus()
    }
  }, [busy])
  return outcome
}
