import type { HandlerMap } from '../handler'
import { getChild, listChildren } from './queries'

export const childrenHandlers: HandlerMap<'listChildren' | 'getChild'> = {
  listChildren: (ctx, input) => listChildren(ctx.db, input),
  getChild: (ctx, input) => getChild(ctx.db, input.childId)
}
