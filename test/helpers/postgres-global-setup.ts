import { startPostgres, testPostgresEnv } from './postgres'

/**
 * vitest global setup: one PostgreSQL server for the whole run. Workers start after this
 * and inherit the environment, so tests find the server through `testPostgres()`.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startPostgres()
  process.env[testPostgresEnv] = JSON.stringify(server.info)
  return () => server.stop()
}
