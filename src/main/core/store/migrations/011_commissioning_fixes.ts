import type { Migration } from './types'

const assumptionSource =
  'ASSUMPTION (no published unit cost): placeholder set by Permanence Desk for modelling; replace with the council\'s own costing'

/**
 * Fixes from issue 18. Children's homes run by the council (K2/R1 with PR1) had no
 * option and stayed unmapped: they get an in-house residential line, costed at a stated
 * assumption because the 2019-20 table publishes none. SGOs made under the older leaving
 * codes E43/E44 are now counted by the cost baseline, so the partial index over the
 * ended arrangements grows to hold those rows too.
 */
export const commissioningFixes: Migration = {
  version: 11,
  name: 'commissioning_fixes',
  up: (db) => {
    db.prepare(
      'INSERT INTO unit_cost (option_code, label, weekly, effective_from, source, is_assumption, basis, capacity) VALUES (?, ?, ?, ?, ?, 1, ?, NULL)'
    ).run('RESIDENTIAL_INHOUSE', 'Residential – in-house children\'s home — ASSUMED weekly cost per child', 3000, '2019-04-01', assumptionSource, 'per_child')
    const map = db.prepare('INSERT INTO placement_mapping (place, place_provider, option_code) VALUES (?, ?, ?) ON CONFLICT (place, place_provider) DO NOTHING')
    for (const place of ['K2', 'R1']) map.run(place, 'PR1', 'RESIDENTIAL_INHOUSE')
    db.exec(`
      DROP INDEX episode_ended_arrangement;
      CREATE INDEX episode_ended_arrangement ON episode (rec, child_id) WHERE rec IN ('E17', 'E43', 'E44', 'E45', 'E46', 'E47', 'E48');
    `)
  }
}
