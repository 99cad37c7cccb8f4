import type { HandlerMap } from '../handler'
import { exportChildren } from './export'
import { childrenPage, getChild, listChildren } from './queries'

export const childrenHandlers: HandlerMap<'listChildren' | 'childrenPage' | 'getChild' | 'exportChildren'> = {
  listChildren: async (ctx, input) => await listChildren(ctx.db, input),
  childrenPage: async (ctx, input) => await childrenPage(ctx.db, input),
  getChild: async (ctx, input) => await getChild(ctx.db, input.childId),
  exportChildren: async (ctx, input) => await exportChildren(ctx, input)
}
