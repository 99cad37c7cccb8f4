// Starts the TypeScript database worker when running from source (dev, tests), the way
// io/ssda903/import-worker.boot.mjs does: tsx's loader, registered inside this thread.
import { register } from 'tsx/esm/api'

register()
await import('./db-worker.ts')
