import type { HandlerMap } from '../handler'
import { getChild, listChildren } from './queries'

export const childrenHandlers: HandlerMap<'listChildren' | 'getChild'> = {
  listChildren: async (ctx, input) => await listChildren(ctx.db, input),
  getChild: async (ctx, input) => await getChild(ctx.db, input.childId)
}
