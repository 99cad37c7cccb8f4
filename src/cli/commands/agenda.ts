import type { Command } from 'commander'
import type { AgendaSuggestion } from '../../shared/contract/panel'
import { CliError, parseDateOption, print, withContext, call } from '../runtime'

const parseLimit = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new CliError(`--limit must be a whole number from 1 to 500, not "${value}"`)
  return n
}

const human = (list: AgendaSuggestion[]): string =>
  list.length === 0
    ? 'No children to suggest for this date.'
    : list.map((s, i) => `${i + 1}. ${s.childId} ${s.name}\n${s.reasons.map((r) => `     - ${r.text}`).join('\n')}`).join('\n')

/** `permanence agenda suggest --date D [--limit N]`: the ranked candidates for a panel on D, with reasons. */
export function registerAgendaCommand(program: Command): void {
  const agenda = program.command('agenda').description('Permanence Panel agenda')
  agenda
    .command('suggest')
    .description('children a panel on the date should consider, most pressing first, each with its reasons')
    .option('--date <date>', 'the meeting date (YYYY-MM-DD; default: today)', parseDateOption)
    .option('--limit <n>', 'at most this many children (1-500)', parseLimit, 20)
    .action(async (opts: { date?: string; limit: number }, command: Command) => {
      await withContext(command, async (ctx, g) => {
        print(g, await call(ctx, 'suggestAgenda', { date: opts.date ?? ctx.today(), limit: opts.limit }), human)
      })
    })
}
