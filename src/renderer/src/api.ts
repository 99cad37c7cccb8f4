import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { CallInput, CallName, CallOutput, FieldProblem, Result } from '../../shared/api'
import { useLiveRefresh } from './live'
import { afterWrite, queryClient } from './query-client'
import { writeCalls } from '../../shared/write-calls'
import { takeEarly } from './early-answers'
import { send } from './transport'

/**
 * The zod contract, loaded on first use rather than with the first screen (it is most of
 * a 90 KB chunk): its input schemas are needed only to check a form before it is sent.
 */
let contractModule: Promise<typeof import('../../shared/api')> | undefined
const contract = async (): Promise<typeof import('../../shared/api')> => (contractModule ??= import('../../shared/api'))

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

/**
 * Calls the API and throws a readable error instead of returning `{ok:false}`. After a
 * successful write call (a contract `command`: shared/write-calls.ts) every cached read is refreshed.
 */
export async function callApi<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = (await (takeEarly(name) ?? send(name, input))) as Result<CallOutput<N>>
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.details, result.error.fields)
  // The one place reads follow writes.
  if (writeCalls.has(name)) afterWrite()
  return result.value
}

/**
 * Checks a form's values with the call's own zod schema from the contract before anything
 * is sent: the same rules, and the same sentences naming each field, as the core's refusal.
 */
export async function checkInput<N extends CallName>(name: N, input: CallInput<N>): Promise<ApiCallError | undefined> {
  const { api, describeFieldProblems, fieldProblems } = await contract()
  const checked = api[name].input.safeParse(input)
  if (checked.success) return undefined
  const fields = fieldProblems(checked.error)
  return new ApiCallError('invalid_input', describeFieldProblems(fields), undefined, fields)
}

export interface CallState<T> {
  data: T | undefined
  error: ApiCallError | undefined
  loading: boolean
  reload: () => void
}

/** Reads that change only by a write at this desk (which invalidates them): fetched once, then served from the cache. */
const fetchedOnce: ReadonlySet<CallName> = new Set<CallName>(['appInfo', 'getMe'])

/**
 * Reads of the 903 history alone, which only an import changes (on its own page): the writes
 * made beside them (costs, options, scenarios) would only make them compute again, for seconds.
 */
const notAfterWrites: ReadonlySet<CallName> = new Set<CallName>(['demandForecast'])

const asApiError = (error: unknown): ApiCallError => (error instanceof ApiCallError ? error : new ApiCallError('internal', String(error)))

/**
 * A call's result for a component, from the window's query cache: components asking for
 * the same call and input share one request and one copy. It loads again when `input`
 * changes (keeping the previous result on screen meanwhile) and after any write call.
 * `live`: for screens showing records other people change (a child's decision, a meeting,
 * a review), it also refreshes quietly on focus and every 30 s (see live.ts); a refresh
 * that fails or brings nothing new leaves the screen as it is. `enabled: false` waits (no call).
 */
export function useCall<N extends CallName>(name: N, input: CallInput<N>, options: { live?: boolean; enabled?: boolean } = {}): CallState<CallOutput<N>> {
  const enabled = options.enabled ?? true
  const query = useQuery(
    {
      queryKey: [name, input],
      queryFn: () => callApi(name, input),
      placeholderData: keepPreviousData,
      staleTime: fetchedOnce.has(name) ? Infinity : 0,
      meta: { followsWrites: !notAfterWrites.has(name) },
      enabled
    },
    queryClient
  )
  const { refetch } = query
  const reload = useCallback(() => void refetch(), [refetch])
  useLiveRefresh(reload, enabled && options.live === true)
  const settled = query.data !== undefined && !query.isPlaceholderData
  return {
    data: query.data,
    // A failed refresh keeps the result already shown.
    error: settled || query.error === null ? undefined : asApiError(query.error),
    loading: query.isFetching && !settled,
    reload
  }
}

/** Loads a call's cached results again (every input), e.g. to show another person's version after a conflict. */
export const reloadCall = (name: CallName): void => void queryClient.invalidateQueries({ queryKey: [name] })

export interface WriteState<N extends CallName> {
  /** Runs the call; resolves to `{ ok: true, value }`, or `{ ok: false, error }` when it failed (also kept in `error`). */
  run: (input: CallInput<N>) => Promise<{ ok: true; value: CallOutput<N> } | { ok: false; error: ApiCallError }>
  busy: boolean
  error: ApiCallError | undefined
  reset: () => void
}

/**
 * A write call for a component (TanStack Query's mutation): its busy flag and its error,
 * and a `run` that never rejects, so no click handler leaves a promise rejection unhandled.
 * The input is checked with the contract's schema first (`checkInput`).
 * The cached reads are refreshed by `callApi` after it succeeds.
 */
export function useWrite<N extends CallName>(name: N): WriteState<N> {
  const mutation = useMutation(
    {
      mutationFn: async (input: CallInput<N>) => {
        const invalid = await checkInput(name, input)
        if (invalid) throw invalid
        return callApi(name, input)
      }
    },
    queryClient
  )
  const { mutateAsync, reset } = mutation
  const run = useCallback(
    (input: CallInput<N>) =>
      mutateAsync(input).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: asApiError(error) })
      ),
    [mutateAsync]
  )
  return { run, busy: mutation.isPending, error: mutation.error === null ? undefined : asApiError(mutation.error), reset }
}
