import type { Command } from 'commander'
import { callNames } from '../../shared/api'
import { CliError, print, withContext } from '../runtime'

/** `permanence call NAME '{json}'`: any API call, exactly as the renderer makes it. */
export function registerCallCommand(program: Command): void {
  program
    .command('call <name> [input]')
    .description(`run any API call with a JSON input (${callNames.join(', ')})`)
    .action(async (name: string, input: string | undefined, _opts, command: Command) => {
      let parsed: unknown = {}
      if (input !== undefined) {
        try {
          parsed = JSON.parse(input)
        } catch {
          throw new CliError(`input is not valid JSON: ${input}`)
        }
      }
      await withContext(command, async (ctx, g) => {
        const result = await (await import('../../main/core/dispatch')).dispatch(ctx, name, parsed)
        if (!result.ok) {
          // Someone typing JSON wants the key as well as the field's name: "Child ID must be text. (childId)".
          const message = result.error.fields?.length ? result.error.fields.map((f) => `${f.message} (${f.path || 'input'})`).join('\n') : result.error.message
          throw new CliError(message, result.error.code === 'invalid_input' || result.error.code === 'not_found' ? 2 : 1)
        }
        print(g, result.value, (v) => JSON.stringify(v, null, 2))
      })
    })
}
