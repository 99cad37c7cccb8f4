import type { CallName, Result } from '../../shared/api'

/**
 * How a call reaches the core. In the desktop app the preload provides `window.api`
 * (IPC). In browser mode the same calls go to the loopback bridge, authorised by the
 * cookie it set from the token URL. The call takes the name as given rather than from the
 * contract's list of names, so the first screen does not load the zod contract; and this
 * module imports nothing else, so the first calls can be sent before React is loaded.
 */
async function bridgeCall(name: CallName, input: unknown): Promise<Result<unknown>> {
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {})
  })
  if (response.status === 401)
    return {
      ok: false,
      error: { code: 'unauthorised', message: 'This browser tab is not authorised: open the address printed by "npm start" (it carries the access token).' }
    }
  return (await response.json()) as Result<unknown>
}

// Read once, as the preload sets it before any script runs.
const ipc = window.api

/** Sends one call and hands back its result, `{ ok, value }` or `{ ok: false, error }`. */
export async function send(name: CallName, input: unknown): Promise<Result<unknown>> {
  const viaIpc = ipc?.[name] as ((i: unknown) => Promise<Result<unknown>>) | undefined
  return viaIpc ? await viaIpc(input) : await bridgeCall(name, input)
}
