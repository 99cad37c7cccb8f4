/**
 * Every code a failed call can carry, wherever it fails (core, dispatch, the browser
 * bridge). The CLI chooses its exit status by it and the renderer how to show it.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'newer_database'
  | 'bad_database'
  | 'internal'
  /** The team database refused the action for the user's role. */
  | 'forbidden'
  /** The database failed its startup check: only the recovery calls are answered. */
  | 'recovery'
  /** Browser mode: the request did not carry the bridge's access token. */
  | 'unauthorised'
