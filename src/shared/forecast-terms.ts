import type { ForecastResult } from './api'
import { ukDate } from './days'

/**
 * A forecast fitted on no 903 history (an empty database, or a reference period before the
 * first return): it projects a flat nobody from a model that learnt nothing, so the screen,
 * the workbook's Forecast sheet and the command line say there is no forecast instead.
 */
export const forecastsNothing = (f: ForecastResult): boolean => f.observedChildMonths === 0

/** What the three say in its place. */
export const noForecast = (f: ForecastResult): string => `No forecast: no child is on record between ${ukDate(f.reference.from)} and ${ukDate(f.reference.to)}.`

/** Why, after `noForecast`; each place then says what to do in its own terms. */
export const noForecastWhy = 'The forecast learns how children move, arrive and leave from the 903 history of those months, and there is none.'
