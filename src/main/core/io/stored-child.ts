import type { Db } from '../store/db'

/** A mapped row's child: its stored DOB (null when the 903 gave none), or why the row cannot be about a stored child. */
type StoredChild = { dob: string | null; problem?: undefined } | { dob?: undefined; problem: string }

/**
 * Looks up the child each row of a mapped import (tracker, carers) names. Those imports add
 * to children the 903 brought in, so a child ID that is not stored rejects the row.
 */
export function storedChildren(db: Db): (childId: string | null) => Promise<StoredChild> {
  const childDob = db.prepare('SELECT dob FROM child WHERE child_id = ?').pluck()
  return async (childId) => {
    if (childId === null) return { problem: 'child ID is blank' }
    const dob = (await childDob.get(childId)) as string | null | undefined
    return dob === undefined ? { problem: `no child with ID ${childId} is stored (import the 903 first)` } : { dob }
  }
}
