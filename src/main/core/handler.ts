import type { CallName, CallOutput, ParsedInput } from '../../shared/api'
import type { Context } from './context'

export type Handler<N extends CallName> = (ctx: Context, input: ParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>
export type HandlerMap<N extends CallName> = { [K in N]: Handler<K> }
