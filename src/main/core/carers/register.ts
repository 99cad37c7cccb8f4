import { ukDate } from '../../../shared/days'
import type { Carer, CarerKind } from '../../../shared/contract/carers'
import { invalidInput } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'

/** The carers register: who looks after the children, and where their letters go. */
export const carerColumns = `c.id, c.name, c.kind, c.provider, c.approved_date AS approvedDate, c.urn, c.address`

export interface NewCarer {
  name: string
  kind: CarerKind
  provider?: string | null
  approvedDate?: string | null
  urn?: string | null
  address?: string | null
}

export function listCarers(db: Db, search?: string): Carer[] {
  const term = search?.trim()
  if (!term) return db.prepare(`SELECT ${carerColumns} FROM carer c ORDER BY c.name, c.id`).all() as Carer[]
  return db
    .prepare(`SELECT ${carerColumns} FROM carer c WHERE c.name LIKE :t OR c.provider LIKE :t OR c.urn LIKE :t ORDER BY c.name, c.id LIMIT 200`)
    .all({ t: `%${term.replace(/[%_]/g, '')}%` }) as Carer[]
}

export const getCarer = (db: Db, id: number): Carer | undefined => db.prepare(`SELECT ${carerColumns} FROM carer c WHERE c.id = ?`).get(id) as Carer | undefined

/** Adds a carer; call inside the caller's transaction when part of a larger change. */
export function insertCarer(db: Db, who: string, carer: NewCarer, today: string): Carer {
  if (carer.approvedDate && carer.approvedDate > today) throw invalidInput(`The approval date ${ukDate(carer.approvedDate)} is in the future (today is ${ukDate(today)}).`)
  const { lastInsertRowid } = db
    .prepare('INSERT INTO carer (name, kind, provider, approved_date, urn, address) VALUES (?, ?, ?, ?, ?, ?)')
    .run(carer.name, carer.kind, carer.provider || null, carer.approvedDate || null, carer.urn || null, carer.address || null)
  const saved = getCarer(db, Number(lastInsertRowid))!
  audit(db, { who, action: 'carer.add', entity: 'carer', entityId: saved.id, after: saved })
  return saved
}

export const addCarer = (db: Db, who: string, carer: NewCarer, today: string): Carer => db.transaction(() => insertCarer(db, who, carer, today))()
