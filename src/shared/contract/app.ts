import { z } from 'zod'
import { query } from './define'

export interface AppInfo {
  version: string
  schemaVersion: number
  dbPath: string
  user: string
  /** 'electron' in the desktop app, 'browser' when served over the loopback bridge. */
  shell: 'electron' | 'browser' | 'cli'
  demo: boolean
  /** The app's idea of today (pinned in tests); pages default their as-of date to it. */
  today: string
  counts: Record<string, number>
  /** Set when the database failed its startup check: the app shows the recovery screen. */
  recovery?: { problems: string[] }
}

export const appCalls = {
  appInfo: query<AppInfo>()(z.strictObject({}))
}
