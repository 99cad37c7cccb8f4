// What `npm start` runs, as a plain function so the pass-through is tested
// (test/core/shell-start.test.ts). Arguments reach the app verbatim: the app parses
// them itself (src/main/shell/args.ts, the CLI's commander), so `--db PATH`,
// `--db=PATH` and paths with spaces arrive exactly as typed.

/** True when the user asked for browser mode rather than the desktop app. */
export const wantsBrowser = (args, env = {}) => env.PERMANENCE_BROWSER === '1' || args.includes('--browser')

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
