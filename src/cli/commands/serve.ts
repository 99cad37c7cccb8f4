import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { CliError, dbPathOf, globals, userOf } from '../runtime'

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
      // The database lives in its own thread (core/worker): the bridge's thread never waits on SQL.
      const database = await (
        await import('../../main/core/worker/db-client')
      ).startDatabaseWorker({ location: dbPathOf(g), shell: 'browser', user: userOf(g), demoIfEmpty: !opts.empty })
      const { logDatabaseRestarts } = await import('../../main/shell/database')
      logDatabaseRestarts(database)
      const { demo, recovery, location } = database.info
      const bridge = await (await import('../../main/bridge/server')).startBridge({ database, staticDir, port: opts.port })
      const info = { url: bridge.launchUrl, db: location, demoCreated: demo !== null, ...(recovery ? { recovery } : {}) }
      if (g.json) g.io.stdout.write(`${JSON.stringify(info)}\n`)
      else {
        g.io.stdout.write(
          [
            'Permanence Desk is running in BROWSER MODE (no Electron binary here).',
            `Open this address in a browser on this computer (it carries a one-time access token):`,
            `  ${bridge.launchUrl}`,
            `Database: ${location}${demo ? ` (new demo data set: ${demo.lookedAfter} fictional children looked after, ${demo.children} on record)` : ''}`,
            ...(recovery
              ? [
                  'THE DATABASE FAILED ITS STARTUP CHECK: the app opens on a recovery screen with the backups to restore.',
                  ...recovery.problems.map((p) => `  ${p}`)
                ]
              : []),
            'Listening on 127.0.0.1 only. Press Ctrl+C to stop.',
            ''
          ].join('\n')
        )
      }
      // Runs until Ctrl+C or a kill, then closes both so the process ends by itself.
      await new Promise<void>((stop) => {
        process.once('SIGINT', () => stop())
        process.once('SIGTERM', () => stop())
      })
      await bridge.close()
      await database.close()
    })
}
