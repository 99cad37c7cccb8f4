import { initial } from './001_initial'
import { trackerIndexes } from './002_tracker_indexes'
import { reviewOutcomes } from './003_review_outcomes'
import { costModelSeed } from './004_cost_model_seed'
import { panelDecisionLock } from './005_panel_decision_lock'
import { trackerViews } from './006_tracker_views'
import { trackerSpans } from './007_tracker_spans'
import { endedArrangementsIndex } from './008_ended_arrangements_index'
import { auditChain } from './009_audit_chain'
import { carersPlacements } from './010_carers_placements'
import { commissioningFixes } from './011_commissioning_fixes'
import { optionCatalogue } from './012_option_catalogue'
import { commissioningViews } from './013_commissioning_views'
import { editVersions } from './014_edit_versions'
import type { Migration } from './types'

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const migrations: readonly Migration[] = [
  initial,
  trackerIndexes,
  reviewOutcomes,
  costModelSeed,
  panelDecisionLock,
  trackerViews,
  trackerSpans,
  endedArrangementsIndex,
  auditChain,
  carersPlacements,
  commissioningFixes,
  optionCatalogue,
  commissioningViews,
  editVersions
]
