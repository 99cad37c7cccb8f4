// Starts the TypeScript import worker when running from source, the way
// bin/permanence.mjs starts the CLI: tsx's loader, registered inside this thread.
import { register } from 'tsx/esm/api'

register()
await import('./import-worker.ts')
