import { createContext, useContext } from 'react'
import type { Me } from '../../shared/api'
import { seesChildren } from '../../shared/roles'
import { mayChange, type Writable } from '../../shared/writes'

/**
 * Who is at this desk and their roles, loaded once by the App from `getMe` (the one
 * source: desk settings today, the team database later). A change of roles is a write,
 * so the cache loads them again.
 */
export interface MeState {
  me: Me
}

export const MeContext = createContext<MeState | null>(null)

export function useMe(): MeState {
  const state = useContext(MeContext)
  if (!state) throw new Error('useMe outside the App')
  return state
}

export const canSeeChildren = (me: Me): boolean => seesChildren(me.roles)

/**
 * True when the person reads meetings but never records: a panel member without the
 * chair's or an administrator's role. False outside the App (a page drawn on its own).
 */
export function useReadsPanelOnly(): boolean {
  const state = useContext(MeContext)
  return state ? readsPanelOnly(state.me) : false
}

/**
 * Only a chair or an administrator records at a meeting; everyone else who opens one (a
 * panel member, or the Head of Service following a link) reads it, as the team
 * database's grants refuse them the panel's writes.
 */
export const readsPanelOnly = (me: Me): boolean => !me.roles.some((r) => r === 'chair' || r === 'admin')

/** Whether the person's roles may change these records. True outside the App (a section drawn on its own). */
export function useMayChange(what: Writable): boolean {
  const state = useContext(MeContext)
  return state ? mayChange(state.me.roles, what) : true
}
