import { useCallback, useEffect, useRef, useState } from 'react'
import type { CallInput, CallName, CallOutput, FieldProblem, Result } from '../../shared/api'
import { useLiveRefresh } from './live'

/**
 * In the desktop app the preload provides `window.api` (IPC). In browser mode the same
 * calls go to the loopback bridge, authorised by the cookie it set from the token URL.
 * The bridge call takes the name as given rather than from the contract's list of names,
 * so the first screen does not load the zod contract.
 */
async function bridgeCall(name: CallName, input: unknown): Promise<Result<unknown>> {
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {})
  })
  if (response.status === 401) return { ok: false, error: { code: 'unauthorised', message: 'This browser tab is not authorised: open the address printed by "npm start" (it carries the access token).' } }
  return (await response.json()) as Result<unknown>
}

// Read once, as the preload sets it before any script runs.
const ipc = window.api

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** For invalid input: the fields to fix, to show beside each one. */
    readonly fields: FieldProblem[] = []
  ) {
    super(message)
  }
}

/** The problem with one field, if the error names it: for the note beside that field. */
export const problemWith = (error: unknown, path: string): FieldProblem | undefined =>
  error instanceof ApiCallError ? error.fields.find((f) => f.path === path || f.path.endsWith(`.${path}`)) : undefined

/** Calls the API and throws a readable error instead of returning `{ok:false}`. */
export async function callApi<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const viaIpc = ipc?.[name] as ((i: CallInput<N>) => Promise<Result<CallOutput<N>>>) | undefined
  const result = viaIpc ? await viaIpc(input) : ((await bridgeCall(name, input)) as Result<CallOutput<N>>)
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.details, result.error.fields)
  return result.value
}

export interface CallState<T> {
  data: T | undefined
  error: ApiCallError | undefined
  loading: boolean
  reload: () => void
}

/**
 * Loads a call's result for a component and reloads when `input` changes (compared as JSON).
 * `live`: for screens showing records other people change (a child's decision, a meeting,
 * a review), it also refreshes quietly on focus and every 30 s (see live.ts); a refresh
 * that fails or brings nothing new leaves the screen as it is.
 */
export function useCall<N extends CallName>(name: N, input: CallInput<N>, options: { live?: boolean } = {}): CallState<CallOutput<N>> {
  const key = JSON.stringify(input)
  const [state, setState] = useState<{ data?: CallOutput<N>; error?: ApiCallError; loading: boolean }>({ loading: true })
  const [generation, setGeneration] = useState(0)
  const quiet = useRef(false)
  const shown = useRef<string>('')
  useEffect(() => {
    let live = true
    const refreshing = quiet.current
    quiet.current = false
    if (!refreshing) setState((s) => ({ ...s, loading: true }))
    callApi(name, JSON.parse(key) as CallInput<N>).then(
      (data) => {
        if (!live) return
        const json = JSON.stringify(data)
        if (refreshing && json === shown.current) return
        shown.current = json
        setState({ data, loading: false })
      },
      (error: unknown) => live && !refreshing && setState({ error: error instanceof ApiCallError ? error : new ApiCallError('internal', String(error)), loading: false })
    )
    return () => {
      live = false
    }
  }, [name, key, generation])
  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  const refresh = useCallback(() => {
    quiet.current = true
    setGeneration((g) => g + 1)
  }, [])
  useLiveRefresh(refresh, options.live === true)
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
