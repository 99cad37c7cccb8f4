import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startBridge } from '../../main/bridge/server'
import { startSession } from '../../main/core/backup/startup'
import { CliError, dbPathOf, globals } from '../runtime'

/** Browser mode: the built renderer and the API on a loopback-only port. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser on 127.0.0.1 (the desktop app without Electron)')
    .option('--port <n>', 'port (default: a random free one)', (v) => Number.parseInt(v, 10), 0)
    .option('--static <dir>', 'built renderer folder', 'out/renderer')
    .option('--empty', 'do not create the demo data set in a new database')
    .action(async (opts: { port: number; static: string; empty?: boolean }, command: Command) => {
      const g = globals(command)
      const staticDir = resolve(opts.static)
      if (!existsSync(`${staticDir}/index.html`)) throw new CliError(`No built renderer in ${staticDir}: run "npm run build" first`, 1)
      const { ctx, demo } = await startSession(dbPathOf(g), 'browser', { user: g.user, demoIfEmpty: !opts.empty })
      const bridge = await startBridge({ ctx, staticDir, port: opts.port })
      const info = { url: bridge.launchUrl, db: ctx.dbPath, demoCreated: demo !== null, ...(ctx.recovery ? { recovery: ctx.recovery } : {}) }
      if (g.json) process.stdout.write(`${JSON.stringify(info)}\n`)
      else {
        process.stdout.write(
          [
            'Permanence Desk is running in BROWSER MODE (no Electron binary here).',
            `Open this address in a browser on this computer (it carries a one-time access token):`,
            `  ${bridge.launchUrl}`,
            `Database: ${ctx.dbPath}${demo ? ` (new demo data set: ${demo.lookedAfter} fictional children looked after, ${demo.children} on record)` : ''}`,
            ...(ctx.recovery ? ['THE DATABASE FAILED ITS STARTUP CHECK: the app opens on a recovery screen with the backups to restore.', ...ctx.recovery.problems.map((p) => `  ${p}`)] : []),
            'Listening on 127.0.0.1 only. Press Ctrl+C to stop.',
            ''
          ].join('\n')
        )
      }
      const stop = async (): Promise<void> => {
        await bridge.close()
        await ctx.db.close()
        process.exit(0)
      }
      process.once('SIGINT', async () => void await stop())
      process.once('SIGTERM', async () => void await stop())
      await new Promise(() => undefined)
    })
}
