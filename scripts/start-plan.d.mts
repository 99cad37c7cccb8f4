export declare const wantsBrowser: (args: readonly string[], env?: Record<string, string | undefined>) => boolean
export declare function launchPlan(
  args: readonly string[],
  tools: { electron: string | null; node: string }
): { mode: 'desktop' | 'browser'; command: string; argv: string[] }
export declare function npmSwallowedDb(env: Record<string, string | undefined>): string | null
