import type { Command } from 'commander'
import type { ForecastResult } from '../../shared/api'
import { ukDate } from '../../shared/days'
import { forecastsNothing, noForecast, noForecastWhy } from '../../shared/forecast-terms'
import { CliError, parseDateOption, print, withContext, call } from '../runtime'

const whole = (n: number): string => Math.round(n).toString()

const forecastText = (r: ForecastResult): string =>
  [
    `Children looked after: ${r.lookedAfter} on ${ukDate(r.asOf)}; model fitted on ${ukDate(r.reference.from)} – ${ukDate(r.reference.to)}, ${r.runs} simulations`,
    'Month     p10    p50    p90',
    ...r.series.map((m) => `${m.month}  ${whole(m.total.p10).padStart(5)}  ${whole(m.total.p50).padStart(5)}  ${whole(m.total.p90).padStart(5)}`),
    r.backtest
      ? `Back-test (fitted on ${ukDate(r.backtest.reference.from)} – ${ukDate(r.backtest.reference.to)}, 12 months): mean absolute error ${(r.backtest.mape * 100).toFixed(1)}%, last month ${(r.backtest.finalError * 100).toFixed(1)}%, ${(r.backtest.coverage * 100).toFixed(0)}% of months inside p10–p90`
      : 'Back-test: not enough history before the reference period'
  ].join('\n')

/** A model that learnt nothing projects a flat nobody: its month-by-month noughts said nothing. */
const noForecastText = (r: ForecastResult): string =>
  `${noForecast(r)}\n${noForecastWhy} Import an SSDA903 return (permanence import 903), or forecast from a date the history covers (--as-of, or --from and --to).`

const positiveInt =
  (max: number) =>
  (text: string): number => {
    const n = Number(text)
    if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(`expected a whole number from 1 to ${max}, got "${text}"`)
    return n
  }

/** `permanence forecast`: the demand forecast from the imported 903 history (numbers only). */
export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description('monthly projection of children looked after by placement category, with p10/p50/p90 bands and a back-test')
    .option('--as-of <date>', 'the date the projection starts from (default: today)', parseDateOption)
    .option('--years <n>', 'years to project (1-10, default 3)', positiveInt(10))
    .option('--from <date>', 'start of the reference period (default: 24 months before --to)', parseDateOption)
    .option('--to <date>', 'end of the reference period (default: --as-of)', parseDateOption)
    .option('--runs <n>', 'simulations (50-2000, default 400)', positiveInt(2000))
    .action(async (opts: { asOf?: string; years?: number; from?: string; to?: string; runs?: number }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        const result = await call(ctx, 'demandForecast', {
          asOf: opts.asOf ?? ctx.today(),
          years: opts.years ?? 3,
          referenceFrom: opts.from,
          referenceTo: opts.to,
          runs: Math.max(50, opts.runs ?? 400),
          seed: 20200331
        })
        print(g, result, forecastsNothing(result) ? noForecastText : forecastText)
      })
    })
}
