import { join } from 'node:path'
import { generateDemo, type DemoData } from '../src/main/core/demo/generate'
import { loadDemo } from '../src/main/core/demo/load'
import { openDb, type Db } from '../src/main/core/store/db'

export interface Scale {
  name: string
  /** Children looked after on the as-of date; about as many again have left care. */
  lookedAfter: number
  extraMoves: number
}

/** 1k, 10k and 100k children; the top scale has about a million episodes. */
const oneK: Scale = { name: '1k', lookedAfter: 530, extraMoves: 8 }
export const scales: Scale[] = [oneK, { name: '10k', lookedAfter: 5_300, extraMoves: 8 }, { name: '100k', lookedAfter: 53_000, extraMoves: 8 }]
export const quickScales: Scale[] = [oneK, { name: '5k', lookedAfter: 2_650, extraMoves: 8 }]

export const benchAsOf = '2026-03-31'

export interface BuiltScale {
  scale: Scale
  data: DemoData
  dbPath: string
  db: Db
  children: number
  episodes: number
}

export async function buildScale(scale: Scale, dir: string): Promise<BuiltScale> {
  const data = generateDemo({ asOf: benchAsOf, lookedAfter: scale.lookedAfter, extraMoves: scale.extraMoves, seed: 903 })
  const dbPath = join(dir, `bench-${scale.name}.db`)
  const db = await openDb(dbPath)
  await loadDemo(db, data, 'bench')
  db.connection.pragma('optimize')
  return { scale, data, dbPath, db, children: data.children.length, episodes: data.episodes.length }
}
