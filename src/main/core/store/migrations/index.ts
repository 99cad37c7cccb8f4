import { initial } from './001_initial'
import { costModelSeed } from './002_cost_model_seed'
import type { Migration } from './types'

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const migrations: readonly Migration[] = [initial, costModelSeed]
