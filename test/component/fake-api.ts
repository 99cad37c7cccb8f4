import { callNames, type ApiClient, type CallName, type CallOutput, type CostBaseline } from '../../src/shared/api'

/**
 * A stand-in for the preload's window.api: answers the calls given, records every call,
 * and fails any other call loudly so a test never passes on an unplanned request.
 */
export function fakeApi(answers: Partial<{ [N in CallName]: CallOutput<N> | Error }>): { api: ApiClient; calls: { name: string; input: unknown }[] } {
  const calls: { name: string; input: unknown }[] = []
  const api = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (input: unknown) => {
        calls.push({ name, input })
        const answer = answers[name]
        if (answer === undefined) return { ok: false, error: { code: 'internal', message: `unexpected call ${name}` } }
        if (answer instanceof Error) return { ok: false, error: { code: 'internal', message: answer.message } }
        return { ok: true, value: answer }
      }
    ])
  ) as ApiClient
  return { api, calls }
}

/** The cost baseline of a database with no child on record: every count nought. */
export const emptyBaseline = (date: string): CostBaseline => ({
  date,
  counts: {},
  afterCare: ['STAYING_PUT', 'SGO'],
  lookedAfter: 0,
  notCosted: 0,
  unmapped: [],
  unmappedTotal: 0,
  rules: []
})
