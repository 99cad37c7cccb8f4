import { describe, expect, it } from 'vitest'
import { filterFromQuery, trackerQuery } from '../../src/renderer/src/pages/tracker/filters'

describe('the tracker filter kept in the address', () => {
  it('goes into the query and comes back out the same', () => {
    const query = trackerQuery('2020-03-31', { statuses: ['none'], groups: ['FCO', 'S20'], drift: ['placement_moves'] }, 'Ann carer')
    expect(query).toBe('asOf=2020-03-31&statuses=none&groups=FCO%2CS20&drift=placement_moves&q=Ann+carer')
    const back = new URLSearchParams(query)
    expect(filterFromQuery(back)).toEqual({ statuses: ['none'], groups: ['FCO', 'S20'], drift: ['placement_moves'] })
    expect(back.get('q')).toBe('Ann carer')
  })

  it('leaves out what is not set and drops values it does not know', () => {
    expect(trackerQuery('2020-03-31', {}, '')).toBe('asOf=2020-03-31')
    expect(filterFromQuery(new URLSearchParams('statuses=none,maybe&groups=XYZ'))).toEqual({ statuses: ['none'], groups: undefined, drift: undefined })
  })
})
