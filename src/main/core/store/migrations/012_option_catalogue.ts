import type { Migration } from './types'

// The order commissioners read the seeded options in; later options follow by position.
const seededOrder = [
  'SGO', 'KINSHIP', 'FOSTER_INHOUSE', 'FOSTER_PATHWAY', 'FOSTER_1TO1', 'IFA', 'IFA_HIGH', 'STAYING_PUT',
  'SUPPORTED_LODGINGS', 'EXTERNAL_16PLUS', 'RESIDENTIAL_INHOUSE', 'RESIDENTIAL_EXTERNAL', 'ART_HUB', 'MFP'
]

/**
 * The option catalogue (issue 18): options become rows a commissioner can add, rename and
 * retire, instead of a fixed list in the code. Each takes its label from its latest unit
 * cost. The placement mapping gains an age band on the date (age_from ≤ age < age_to), so
 * one PLACE × PLACE_PROVIDER can reach different lines by age (e.g. specialist fostering);
 * existing rows cover every age.
 */
export const optionCatalogue: Migration = {
  version: 12,
  name: 'option_catalogue',
  up: (db) => {
    db.exec(`
      CREATE TABLE cost_option (
        code         TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z0-9_]*' AND length(code) BETWEEN 2 AND 40),
        label        TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
        kind         TEXT NOT NULL CHECK (kind IN ('placement', 'service')),
        position     INTEGER NOT NULL,
        retired_from TEXT
      ) STRICT;

      CREATE TABLE placement_mapping_by_age (
        place          TEXT NOT NULL,
        place_provider TEXT NOT NULL,
        age_from       INTEGER NOT NULL DEFAULT 0 CHECK (age_from >= 0),
        age_to         INTEGER NOT NULL DEFAULT 99 CHECK (age_to > age_from),
        option_code    TEXT NOT NULL,
        PRIMARY KEY (place, place_provider, age_from, age_to)
      ) STRICT;
      INSERT INTO placement_mapping_by_age (place, place_provider, age_from, age_to, option_code)
        SELECT place, place_provider, 0, 99, option_code FROM placement_mapping;
      DROP TABLE placement_mapping;
      ALTER TABLE placement_mapping_by_age RENAME TO placement_mapping;
    `)
    const latest = db
      .prepare(
        `SELECT option_code AS code, label, basis FROM (
           SELECT u.*, ROW_NUMBER() OVER (PARTITION BY option_code ORDER BY effective_from DESC) AS rn FROM unit_cost u)
         WHERE rn = 1`
      )
      .all() as { code: string; label: string; basis: string }[]
    const insert = db.prepare('INSERT INTO cost_option (code, label, kind, position) VALUES (?, ?, ?, ?)')
    const position = (code: string): number => (seededOrder.includes(code) ? seededOrder.indexOf(code) : seededOrder.length + latest.findIndex((r) => r.code === code))
    for (const r of latest) insert.run(r.code, r.label, r.basis === 'per_child' ? 'placement' : 'service', (position(r.code) + 1) * 10)
  }
}
