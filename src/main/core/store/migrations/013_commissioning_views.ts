import { sqliteSourcesSql } from '../../costs/sources'
import type { Migration } from './types'

/**
 * The de-identified episode view the costs queries read (costs/sources.ts), so they run
 * the same SQL on SQLite as on PostgreSQL, where it is all a commissioner's login can see
 * of episodes.
 */
export const commissioningViews: Migration = {
  version: 13,
  name: 'commissioning_views',
  up: (db) => {
    db.exec(sqliteSourcesSql)
  }
}
