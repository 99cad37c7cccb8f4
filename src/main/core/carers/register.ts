import { ukDate } from '../../../shared/days'
import type { Carer, CarerKind } from '../../../shared/contract/carers'
import { invalidInput, notFound } from '../errors'
import { audit } from '../store/audit'
import type { Db } from '../store/db'

/** The carers register: who looks after the children, and where their letters go. */
export const carerColumns = `c.id, c.name, c.kind, c.provider, c.approved_date AS "approvedDate", c.urn, c.address`

export interface NewCarer {
  name: string
  kind: CarerKind
  provider?: string | null
  approvedDate?: string | null
  urn?: string | null
  address?: string | null
}

export async function listCarers(db: Db, search?: string): Promise<Carer[]> {
  const term = search?.trim()
  if (!term) return (await db.prepare(`SELECT ${carerColumns} FROM carer c ORDER BY c.name, c.id`).all()) as Carer[]
  return (await db
    .prepare(
      `SELECT ${carerColumns} FROM carer c WHERE c.name ${db.sql.like} :t OR c.provider ${db.sql.like} :t OR c.urn ${db.sql.like} :t ORDER BY c.name, c.id LIMIT 200`
    )
    .all({ t: `%${term.replace(/[%_]/g, '')}%` })) as Carer[]
}

export const getCarer = async (db: Db, id: number): Promise<Carer | undefined> =>
  (await db.prepare(`SELECT ${carerColumns} FROM carer c WHERE c.id = ?`).get(id)) as Carer | undefined

function checkCarer(carer: NewCarer, today: string): void {
  if (carer.approvedDate && carer.approvedDate > today)
    throw invalidInput(`The approval date ${ukDate(carer.approvedDate)} is in the future (today is ${ukDate(today)}).`)
}

/** Adds a carer; call inside the caller's transaction when part of a larger change. */
export async function insertCarer(db: Db, who: string, carer: NewCarer, today: string): Promise<Carer> {
  checkCarer(carer, today)
  const id = await db
    .prepare<number>('INSERT INTO carer (name, kind, provider, approved_date, urn, address) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
    .pluck()
    .get(carer.name, carer.kind, carer.provider || null, carer.approvedDate || null, carer.urn || null, carer.address || null)
  const saved = (await getCarer(db, Number(id)))!
  await audit(db, { who, action: 'carer.add', entity: 'carer', entityId: saved.id, after: saved })
  return saved
}

export const addCarer = async (db: Db, who: string, carer: NewCarer, today: string): Promise<Carer> =>
  await db.transaction(async () => await insertCarer(db, who, carer, today))()

/**
 * Corrects a carer's details (a new address for letters, an agency or URN learnt later).
 * Every placement and decision naming the carer shows the new details; the audit log
 * keeps the old ones.
 */
export async function updateCarer(db: Db, who: string, id: number, carer: NewCarer, today: string): Promise<Carer> {
  return await db.transaction(async () => {
    const before = await getCarer(db, id)
    if (before === undefined) throw notFound(`No carer with id ${id} in the register`)
    checkCarer(carer, today)
    await db
      .prepare('UPDATE carer SET name = ?, kind = ?, provider = ?, approved_date = ?, urn = ?, address = ? WHERE id = ?')
      .run(carer.name, carer.kind, carer.provider || null, carer.approvedDate || null, carer.urn || null, carer.address || null, id)
    const after = (await getCarer(db, id))!
    await audit(db, { who, action: 'carer.update', entity: 'carer', entityId: id, before, after })
    return after
  })()
}
