/**
 * Who may read and write which table, as data: `team init` turns it into GRANT
 * statements, the tests check the database against it, and the app can read it to know
 * what a role may do. Everything not listed is refused by PostgreSQL (permission denied).
 *
 * Derived from the calls each role's screens and CLI commands make (src/main/core/*):
 * - chair: runs panels (meetings, members, agenda, decisions and their carers and support,
 *   actions, sign-off) and records care plans and discharge applications;
 * - panel: reads the agenda and papers, writes nothing (so can never sign off);
 * - hos: Head of Service review (cycles, items, management oversight) and placements;
 * - commissioner: costs, scenarios, sufficiency and forecast, reading children only
 *   through the de-identified commissioning sources (costs/sources.ts);
 * - officer: imports (903, carers, tracker records) and the records they load;
 * - admin: every table; like everyone, never an update or delete of the audit log.
 * Every role that writes appends to the audit log and recomputes the tracker's spans.
 */
import { escapeIdentifier } from 'pg'
import { commissioningFunctions, commissioningViews } from '../costs/sources'
import { groupRole, teamRoles, type TeamRole } from './roles'

export interface TableRights {
  /** true: every column; a list: only those columns. */
  select?: true | readonly string[]
  insert?: true
  update?: true
  delete?: true
}

/** Every table of the schema (the SQLite migrations' tables, schema_migration included). */
export const ourTables = [
  'action',
  'agenda_item',
  'audit_log',
  'audit_seal',
  'care_plan',
  'carer',
  'child',
  'cost_option',
  'cost_scenario',
  'decision',
  'decision_carer',
  'decision_support',
  'discharge_application',
  'episode',
  'import_batch',
  'oversight_entry',
  'panel_meeting',
  'panel_member',
  'placement_carer',
  'placement_mapping',
  'review_cycle',
  'review_item',
  'schema_migration',
  'setting',
  'tracker_dirty',
  'tracker_span',
  'tracker_view',
  'unit_cost'
] as const
export type Table = (typeof ourTables)[number]

const read: TableRights = { select: true }
const write: TableRights = { select: true, insert: true, update: true, delete: true }

const panelTables: readonly Table[] = ['panel_meeting', 'panel_member', 'agenda_item', 'decision', 'decision_carer', 'decision_support', 'action', 'carer']
const placementTables: readonly Table[] = ['care_plan', 'discharge_application', 'placement_carer']
const reviewTables: readonly Table[] = ['review_cycle', 'review_item', 'oversight_entry']
const importTables: readonly Table[] = ['child', 'episode', 'import_batch', 'decision', 'decision_carer', 'oversight_entry', 'placement_carer', 'carer']
const costTables: readonly Table[] = ['cost_option', 'unit_cost', 'placement_mapping', 'cost_scenario']

/** The audit log: read, and appended to; never updated or deleted, by anyone. */
const auditAppend: Partial<Record<Table, TableRights>> = {
  audit_log: { select: true, insert: true },
  audit_seal: read
}

/** What every role that writes records needs besides its own tables. */
const writerBasics: Partial<Record<Table, TableRights>> = {
  ...auditAppend,
  setting: { select: true, insert: true, update: true, delete: true },
  tracker_view: write,
  // The spans are a cache of the records, recomputed by whoever changed them.
  tracker_span: { select: true, insert: true, delete: true },
  tracker_dirty: { select: true, insert: true, delete: true }
}

function readAll(): Partial<Record<Table, TableRights>> {
  return Object.fromEntries(ourTables.map((t) => [t, read]))
}

const writing = (tables: readonly Table[]): Partial<Record<Table, TableRights>> => Object.fromEntries(tables.map((t) => [t, write]))

export const grants: Record<TeamRole, Partial<Record<Table, TableRights>>> = {
  chair: { ...readAll(), ...writerBasics, ...writing(panelTables), ...writing(placementTables) },
  panel: readAll(),
  hos: { ...readAll(), ...writerBasics, ...writing(reviewTables), ...writing(placementTables) },
  officer: { ...readAll(), ...writerBasics, ...writing(importTables) },
  // No table that names or identifies a child: its child-level figures come only from the
  // commissioning sources. Of the audit log it reads the chain's head, nothing more.
  commissioner: {
    schema_migration: read,
    setting: { select: true, insert: true, update: true },
    ...writing(costTables),
    // The unit-cost import records its batch; a 903 batch's report may name children.
    import_batch: { select: ['id', 'kind', 'file_name', 'imported_at', 'imported_by', 'inserted', 'updated', 'unchanged', 'rejected'], insert: true },
    audit_log: { select: ['id', 'hash'], insert: true },
    audit_seal: read
  },
  admin: { ...Object.fromEntries(ourTables.map((t) => [t, write])), ...auditAppend, schema_migration: read }
}

/** Every role may read the de-identified sources: they hold nothing that identifies a child. */
export const commissioningReaders: readonly TeamRole[] = teamRoles

const privilegeList = (r: TableRights): string[] => {
  const out: string[] = []
  if (r.select === true) out.push('SELECT')
  else if (r.select) out.push(`SELECT (${r.select.map(escapeIdentifier).join(', ')})`)
  if (r.insert) out.push('INSERT')
  if (r.update) out.push('UPDATE')
  if (r.delete) out.push('DELETE')
  return out
}

/**
 * Functions the schema's CHECK constraints call. PostgreSQL runs them with the rights of
 * whoever writes the row, so every team role may execute them (they only read their
 * argument); without this the Head of Service could not open a review cycle.
 */
export const checkFunctions = ['is_json(text)'] as const

/**
 * The statements that give each group role exactly its rights: everything is revoked
 * first (from PUBLIC too), so running them again after the map changed removes old rights.
 * `schema` is where the tables live; the tables listed must exist.
 */
export function grantStatements(schema: string, existing: ReadonlySet<string> = new Set(ourTables)): string[] {
  const s = escapeIdentifier(schema)
  const q = (name: string): string => `${s}.${escapeIdentifier(name)}`
  const groups = ['PUBLIC', ...teamRoles.map((r) => escapeIdentifier(groupRole(r)))].join(', ')
  const tables = ourTables.filter((t) => existing.has(t))
  const out: string[] = [
    `REVOKE ALL ON SCHEMA ${s} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${s} TO ${teamRoles.map((r) => escapeIdentifier(groupRole(r))).join(', ')}`
  ]
  for (const t of tables) out.push(`REVOKE ALL ON ${q(t)} FROM ${groups}`)
  for (const v of commissioningViews) out.push(`REVOKE ALL ON ${q(v)} FROM ${groups}`)
  for (const f of [...commissioningFunctions, ...checkFunctions]) out.push(`REVOKE ALL ON FUNCTION ${s}.${f} FROM ${groups}`)
  for (const role of teamRoles) {
    const g = escapeIdentifier(groupRole(role))
    for (const f of checkFunctions) out.push(`GRANT EXECUTE ON FUNCTION ${s}.${f} TO ${g}`)
    for (const t of tables) {
      const rights = grants[role][t]
      if (rights) out.push(`GRANT ${privilegeList(rights).join(', ')} ON ${q(t)} TO ${g}`)
    }
    if (commissioningReaders.includes(role)) {
      for (const v of commissioningViews) out.push(`GRANT SELECT ON ${q(v)} TO ${g}`)
      for (const f of commissioningFunctions) out.push(`GRANT EXECUTE ON FUNCTION ${s}.${f} TO ${g}`)
    }
  }
  return out
}

/** The tables a role may insert into (their id sequences need USAGE too). */
export const insertableBy = (role: TeamRole): Table[] => ourTables.filter((t) => grants[role][t]?.insert)
