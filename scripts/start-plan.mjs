// What `npm start` runs, as a plain function so the pass-through is tested
// (test/core/shell-start.test.ts). Arguments reach the app verbatim: the app parses
// them itself (src/main/shell/args.ts, the CLI's commander), so `--db PATH`,
// `--db=PATH` and paths with spaces arrive exactly as typed.

/** True when the user asked for browser mode rather than the desktop app (`npm start --browser` included). */
export const wantsBrowser = (args, env = {}) => env.PERMANENCE_BROWSER === '1' || env.npm_config_browser === 'true' || args.includes('--browser')

/**
 * npm keeps options written before `--` for itself: `npm start --db=x.db` reaches us only
 * as the environment variable npm_config_db, and `npm start --db x.db` as a bare `x.db`.
 * Either way the app would open the default database without a word, so it is an error.
 * @returns {string | null} the message, or null when the command line is fine
 */
export function npmSwallowedDb(env) {
  if (env.npm_config_db === undefined) return null
  return "npm kept --db for itself, so the app would not see it. Put -- before the app's options: npm start -- --db PATH"
}

/**
 * @param {string[]} args the arguments after `npm start --`
 * @param {{electron: string | null, node: string}} tools Electron's binary (null when absent) and Node's
 * @returns {{mode: 'desktop' | 'browser', command: string, argv: string[]}}
 */
export function launchPlan(args, { electron, node }) {
  const passThrough = args.filter((a) => a !== '--browser')
  if (electron) return { mode: 'desktop', command: electron, argv: ['.', ...passThrough] }
  return { mode: 'browser', command: node, argv: ['bin/permanence.mjs', 'serve', ...passThrough] }
}
