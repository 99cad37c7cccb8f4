import { keepEarly } from './early-answers'
import { send } from './transport'

/*
 * Imported first by main.tsx, so this runs before React and the app's modules are
 * evaluated (about 170 ms on a 2-core machine): the first screen's first two questions,
 * what this desk is and who is at it, are on their way meanwhile instead of after it.
 */
for (const name of ['appInfo', 'getMe'] as const) keepEarly(name, send(name, {}))
