import type { HandlerMap } from '../handler'
import { getMe, setMyRoles } from './roles'

export const peopleHandlers: HandlerMap<'getMe' | 'setMyRoles'> = {
  getMe: (ctx) => getMe(ctx),
  setMyRoles: (ctx, input) => setMyRoles(ctx, input)
}
