import type { Migration } from './types'

const reportSource = 'Care Placement Strategy 2018-21 / Children in Care & Permanence Annual Report 2019-20'
const assumptionSource =
  'ASSUMPTION (no published unit cost): placeholder set by Permanence Desk for modelling; replace with the council\'s own costing'

// 2019-20 weekly unit costs; annual = weekly × 52. Effective from the start of that financial year.
const reportCosts: [code: string, label: string, weekly: number][] = [
  ['SGO', 'SGO', 180],
  ['KINSHIP', 'Kinship/Connected', 344.5],
  ['FOSTER_INHOUSE', 'Mainstream foster care (in-house)', 549],
  ['FOSTER_PATHWAY', 'Pathway fostering carer (specialist)', 855],
  ['FOSTER_1TO1', '1:1 fostering carer (specialist)', 1075],
  ['IFA', 'IFA', 800],
  ['IFA_HIGH', 'High-cost IFA', 1100],
  ['STAYING_PUT', 'Staying Put', 275],
  ['SUPPORTED_LODGINGS', 'Supported lodgings – internal', 385],
  ['EXTERNAL_16PLUS', '16+ – external', 1250],
  ['RESIDENTIAL_EXTERNAL', 'Residential – external', 4100]
]

/*
 * ART hub: 3 assessment beds plus a peripatetic social work, medical and psychology team,
 * assumed at £11,500 a week (£598,000 a year) for the whole service. MFP: one staffed unit
 * of up to 3 young people aged 16-18, assumed at £3,000 a week (£156,000 a year) per unit.
 */
const assumedServices: [code: string, label: string, weekly: number, basis: string, capacity: number][] = [
  ['ART_HUB', 'ART hub (3 assessment beds + team) — ASSUMED fixed running cost for the whole hub', 11500, 'per_service', 3],
  ['MFP', 'Multi-functional property — ASSUMED fixed running cost per unit of up to 3 places', 3000, 'per_unit', 3]
]

/*
 * Default PLACE + PLACE_PROVIDER → option mapping ('*' = any provider; exact wins).
 * In-house residential (K2/R1 with PR1), secure, NHS, family centres, schools and
 * temporary placements have no line in the 2019-20 table and stay unmapped until a
 * commissioner maps them; placed with parents and placed for adoption carry no placement cost.
 */
const mappings: [place: string, provider: string, option: string][] = [
  ...['U1', 'U2', 'U3'].map((p): [string, string, string] => [p, '*', 'KINSHIP']),
  ...['U4', 'U5', 'U6'].flatMap((p): [string, string, string][] => [
    [p, 'PR1', 'FOSTER_INHOUSE'],
    [p, 'PR2', 'FOSTER_INHOUSE'],
    [p, 'PR4', 'IFA'],
    [p, 'PR5', 'IFA']
  ]),
  ...['K2', 'R1'].flatMap((p): [string, string, string][] => [
    [p, 'PR4', 'RESIDENTIAL_EXTERNAL'],
    [p, 'PR5', 'RESIDENTIAL_EXTERNAL']
  ]),
  ...['H5', 'P2'].flatMap((p): [string, string, string][] => [
    [p, 'PR1', 'SUPPORTED_LODGINGS'],
    [p, 'PR4', 'EXTERNAL_16PLUS'],
    [p, 'PR5', 'EXTERNAL_16PLUS']
  ]),
  ['P1', '*', 'NOT_COSTED'],
  ...['A3', 'A4', 'A5', 'A6'].map((p): [string, string, string] => [p, '*', 'NOT_COSTED'])
]

/** Seeds the cost model and records what unit_cost rows are (basis, capacity). */
export const costModelSeed: Migration = {
  version: 4,
  name: 'cost_model_seed',
  up: (db) => {
    db.exec(`
      ALTER TABLE unit_cost ADD COLUMN basis TEXT NOT NULL DEFAULT 'per_child' CHECK (basis IN ('per_child', 'per_service', 'per_unit'));
      ALTER TABLE unit_cost ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0);
    `)
    const cost = db.prepare(
      'INSERT INTO unit_cost (option_code, label, weekly, effective_from, source, is_assumption, basis, capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    )
    for (const [code, label, weekly] of reportCosts) cost.run(code, label, weekly, '2019-04-01', reportSource, 0, 'per_child', null)
    for (const [code, label, weekly, basis, capacity] of assumedServices) cost.run(code, label, weekly, '2019-04-01', assumptionSource, 1, basis, capacity)
    const map = db.prepare('INSERT INTO placement_mapping (place, place_provider, option_code) VALUES (?, ?, ?)')
    for (const row of mappings) map.run(...row)
  }
}
