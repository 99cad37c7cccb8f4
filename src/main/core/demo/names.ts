import type { Random } from './random'

// Deliberately whimsical so no generated person can be mistaken for a real one.
const givenNames = [
  'Acorn',
  'Bramble',
  'Comet',
  'Dandelion',
  'Ember',
  'Fennel',
  'Glimmer',
  'Hazelnut',
  'Indigo',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Marigold',
  'Nimbus',
  'Orbit',
  'Pip',
  'Quill',
  'Rooster',
  'Sorrel',
  'Tansy',
  'Umber',
  'Vesper',
  'Wren',
  'Yarrow',
  'Zephyr',
  'Biscuit',
  'Clover',
  'Drizzle',
  'Fable',
  'Gizmo',
  'Hopscotch',
  'Jigsaw',
  'Kazoo',
  'Lantern',
  'Moss',
  'Nutmeg',
  'Pebble',
  'Ripple',
  'Saffron',
  'Thimble'
] as const
const familyStarts = [
  'Puddle',
  'Wibble',
  'Fizzle',
  'Noodle',
  'Bumble',
  'Jelly',
  'Pickle',
  'Sprocket',
  'Waffle',
  'Crumpet',
  'Muddle',
  'Tumble',
  'Gobble',
  'Snoozle',
  'Wobble',
  'Custard'
] as const
const familyEnds = ['whistle', 'bottom', 'wick', 'berry', 'snout', 'worth', 'bucket', 'sprout', 'pants', 'nose'] as const

export const fictionalGivenName = (r: Random): string => r.pick(givenNames)
export const fictionalFamilyName = (r: Random): string => `${r.pick(familyStarts)}${r.pick(familyEnds)}`
export const fictionalPerson = (r: Random): string => `${fictionalGivenName(r)} ${fictionalFamilyName(r)}`

/**
 * Whether `name` is one these lists make ("Pebble Puddlesprout"). A carer's name is what a
 * letter says after "Dear": it carries no role; the carer's kind is recorded beside it.
 */
export const isFictionalPerson = (name: string): boolean => {
  const [given, family, ...rest] = name.split(' ')
  return (
    rest.length === 0 &&
    (givenNames as readonly string[]).includes(given ?? '') &&
    familyStarts.some((start) => family?.startsWith(start) && (familyEnds as readonly string[]).includes(family.slice(start.length)))
  )
}
