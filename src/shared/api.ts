import type { z } from 'zod'
import { appCalls } from './contract/app'
import { backupCalls } from './contract/backup'
import { carePlanCalls, carersCalls, decisionCarersCalls } from './contract/carers'
import { childrenCalls } from './contract/children'
import { connectionCalls } from './contract/connection'
import { costsCalls } from './contract/costs'
import { panelCalls } from './contract/panel'
import { peopleCalls } from './contract/people'
import type { CallSpec } from './contract/define'
import type { ErrorCode } from './contract/error-codes'
import type { FieldProblem } from './contract/field-problems'
import { ioCalls } from './contract/io'
import { trackerCalls } from './contract/tracker'
import { reviewCalls } from './contract/review'

/**
 * The one API contract. IPC channels, the preload's `window.api`, the loopback bridge
 * and the CLI are all generated from this object; no call name is written twice.
 */
export const api = {
  ...appCalls,
  ...childrenCalls,
  ...ioCalls,
  ...trackerCalls,
  ...costsCalls,
  ...reviewCalls,
  ...panelCalls,
  ...backupCalls,
  ...peopleCalls,
  ...carersCalls,
  ...decisionCarersCalls,
  ...carePlanCalls,
  ...connectionCalls
} as const satisfies Record<string, CallSpec>

export type Api = typeof api
export type CallName = keyof Api
export const callNames = Object.keys(api) as CallName[]
export type CallInput<N extends CallName> = z.input<Api[N]['input']>
export type ParsedInput<N extends CallName> = z.output<Api[N]['input']>
export type CallOutput<N extends CallName> = Api[N] extends CallSpec<z.ZodType, infer O> ? O : never

export interface ApiError {
  code: ErrorCode
  message: string
  details?: unknown
  /** For invalid_input: each field to fix, for the screen to show beside that field. */
  fields?: FieldProblem[]
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** What the renderer sees as `window.api`: one async function per call. */
export type ApiClient = { [N in CallName]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>> }

export const ipcChannel = (name: CallName): string => `permanence:${name}`

export * from './contract/app'
export * from './contract/carers'
export * from './contract/children'
export * from './contract/connection'
export * from './contract/costs'
export * from './contract/define'
export * from './contract/error-codes'
export * from './contract/io'
export * from './contract/panel'
export * from './contract/tracker'
export * from './contract/review'
export * from './contract/backup'
export * from './contract/field-problems'
export * from './contract/people'
export * from './contract/labels'
