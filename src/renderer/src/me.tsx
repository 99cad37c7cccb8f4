import { createContext, useContext } from 'react'
import { seesChildren, type Me } from '../../shared/api'

/**
 * Who is at this desk and their roles, loaded once by the App from `getMe` (the one
 * source: desk settings today, the team database later). `reload` follows a change of roles.
 */
export interface MeState {
  me: Me
  reload: () => void
}

export const MeContext = createContext<MeState | null>(null)

export function useMe(): MeState {
  const state = useContext(MeContext)
  if (!state) throw new Error('useMe outside the App')
  return state
}

export const canSeeChildren = (me: Me): boolean => seesChildren(me.roles)
