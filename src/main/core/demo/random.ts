import { must } from '../../../shared/must'
/** mulberry32: a tiny seeded PRNG, so the demo data is identical on every machine. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => must(items[Math.floor(next() * items.length)], 'pick from a list with items'),
    weighted: (table) => {
      const total = table.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [value, w] of table) {
        r -= w
        if (r < 0) return value
      }
      return must(table.at(-1), 'a weighted table has entries')[0]
    }
  }
}

export interface Random {
  next(): number
  /** Inclusive of both ends. */
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  weighted<T>(table: readonly (readonly [T, number])[]): T
}
