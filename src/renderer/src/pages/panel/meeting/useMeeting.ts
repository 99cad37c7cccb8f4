import { useCallback, useEffect, useState } from 'react'
import type { CallInput, CallName, CallOutput, MeetingDetail } from '../../../../../shared/api'
import { ApiCallError, callApi, useCall } from '../../../api'
import { queryClient } from '../../../query-client'
import { forTheChair } from '../fieldErrors'

/** The calls that answer with the whole meeting. */
export type MeetingCall = { [N in CallName]: CallOutput<N> extends MeetingDetail ? N : never }[CallName]

/** An element to focus by its id, or the first of several that can take the focus. */
export type FocusTarget = string | readonly string[]

/** What to do once a call has succeeded and the page shows its result. */
export interface AfterRun {
  /** The id of the element to focus, so the keyboard user carries on from the right place. */
  focus?: string
  /** Said in the page's status line (a live region) for screen-reader users and everyone else. */
  notice?: string
  /** The caller shows a conflict itself (beside the user's unsaved text), so no banner. */
  showsConflict?: boolean
  /** The caller shows any failure itself, beside the form that made the call, so no banner saying it again. */
  showsError?: boolean
  /** The caller asks the chair about a refusal they can confirm past (its `details.confirm`), so no banner. */
  asksToConfirm?: boolean
}

/** The reasons a call was refused that the chair can confirm past (`details.confirm`), if that is why it was. */
export const toConfirm = (error: ApiCallError | null): string[] | undefined =>
  error?.code === 'conflict' ? (error.details as { confirm?: string[] } | undefined)?.confirm : undefined

/**
 * An agenda item's version as this window last heard it: every call's answer is in the
 * cache before its promise resolves, so a save queued behind another reads the version
 * that one left, not the one drawn when the chair left the field.
 */
export const storedItemVersion = (meetingId: number, itemId: number): number | undefined =>
  queryClient.getQueryData<MeetingDetail>(['getMeeting', { meetingId }])?.agenda.find((i) => i.id === itemId)?.version

/** Runs a meeting call; resolves to the error shown, or null when it succeeded. */
export type Run = <N extends MeetingCall>(name: N, input: CallInput<N>, after?: AfterRun) => Promise<ApiCallError | null>

/**
 * One meeting's state for the workspace: loading, the calls that change it (each
 * answering with the whole meeting), a banner error, a status notice, and where the
 * focus goes after the change has been drawn.
 */
export function useMeeting(meetingId: number) {
  const shown = useCall('getMeeting', { meetingId }, { live: true })
  const meeting = shown.loading ? undefined : shown.data
  const loadError = shown.error
  const [error, setError] = useState<ApiCallError>()
  const [notice, setNotice] = useState<string>()
  const [focusId, setFocusId] = useState<FocusTarget | null>(null)

  // Runs after the render that drew the change, so the element to focus exists.
  useEffect(() => {
    if (!focusId) return
    // The first of the ids that is on the page and can take the focus (a disabled button cannot).
    for (const id of typeof focusId === 'string' ? [focusId] : focusId) {
      const el = document.getElementById(id)
      el?.focus()
      if (el && document.activeElement === el) break
    }
    setFocusId(null)
  }, [focusId])

  const run: Run = useCallback(
    async (name, input, after) => {
      try {
        const result = (await callApi(name, input)) as MeetingDetail
        // The call answers with the whole meeting: shown at once, without waiting for the refresh every write brings.
        queryClient.setQueryData(['getMeeting', { meetingId }], result)
        setError(undefined)
        // Each save replaces the last one's notice, so none is left describing an earlier change.
        setNotice(after?.notice)
        if (after?.focus) setFocusId(after.focus)
        return null
      } catch (err) {
        const e = err instanceof ApiCallError ? forTheChair(err) : new ApiCallError('internal', String(err))
        const shownByCaller = after?.showsError || (after?.showsConflict && e.code === 'conflict') || (after?.asksToConfirm && toConfirm(e))
        if (!shownByCaller) setError(e)
        return e
      }
    },
    [meetingId]
  )

  return { meeting, loadError, error, setError, notice, setNotice, run, focus: setFocusId }
}
