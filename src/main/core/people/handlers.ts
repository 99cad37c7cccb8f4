import type { HandlerMap } from '../handler'
import { getMe, setMyRoles } from './roles'

export const peopleHandlers: HandlerMap<'getMe' | 'setMyRoles'> = {
  getMe: async (ctx) => await getMe(ctx),
  setMyRoles: async (ctx, input) => await setMyRoles(ctx, input)
}
