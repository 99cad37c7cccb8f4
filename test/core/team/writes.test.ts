import { describe, expect, it } from 'vitest'
import { grants, type Table } from '../../../src/main/core/team/grants'
import { appRolesOf, teamRoles } from '../../../src/main/core/team/roles'
import { mayChange, writers, type Writable } from '../../../src/shared/writes'

/** The tables behind each kind of record the screens offer to change. */
const tablesOf: Record<Writable, Table[]> = {
  carePlan: ['care_plan', 'discharge_application'],
  placementCarers: ['placement_carer'],
  carers: ['carer'],
  oversight: ['oversight_entry']
}

describe("the screens' idea of who may change what", () => {
  it.each(Object.keys(writers) as Writable[])('matches the team grants for %s', (what) => {
    for (const role of teamRoles) {
      const granted = tablesOf[what].every((t) => grants[role][t]?.insert === true)
      expect(mayChange(appRolesOf[role], what), `${role} and ${what}`).toBe(granted)
    }
  })
})
