/**
 * Narrowing for tests under noUncheckedIndexedAccess: a row, cell or key the test expects to
 * be there is a test failure when it is missing, with a message saying what was missing,
 * rather than a TypeError further down or an assertion quietly comparing `undefined`.
 */

export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Expected ${what} to be defined, but it is undefined`)
  return value
}

export function itemAt<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index]
  if (item === undefined) throw new Error(`Expected an item at index ${index}, but there are ${items.length}`)
  return item
}

export function firstOf<T>(items: ArrayLike<T>): T {
  return itemAt(items, 0)
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [...R, T]>

/** The first `n` items, for destructuring: `const [a, b] = firstN(rows, 2)`. */
export function firstN<T, N extends number>(items: ArrayLike<T>, n: N): Tuple<T, N> {
  const taken = Array.from({ length: n }, (_, i) => itemAt(items, i))
  return taken as Tuple<T, N>
}
