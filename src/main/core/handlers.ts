import type { CallName } from '../../shared/api'
import { appHandlers } from './app/handlers'
import { backupHandlers } from './backup/handlers'
import { carersHandlers } from './carers/handlers'
import { childrenHandlers } from './children/handlers'
import { costsHandlers } from './costs/handlers'
import type { HandlerMap } from './handler'
import { ioHandlers } from './io/handlers'
import { trackerHandlers } from './tracker/handlers'
import { reviewHandlers } from './review/handlers'
import { panelHandlers } from './panel/handlers'
import { peopleHandlers } from './people/handlers'
import { connectionHandlers } from './team/handlers'

/** Every call of the contract mapped to its implementation; the type makes it complete. */
export const handlers: HandlerMap<CallName> = {
  ...appHandlers,
  ...childrenHandlers,
  ...ioHandlers,
  ...trackerHandlers,
  ...costsHandlers,
  ...reviewHandlers,
  ...panelHandlers,
  ...backupHandlers,
  ...peopleHandlers,
  ...carersHandlers,
  ...connectionHandlers
}
