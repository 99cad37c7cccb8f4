import type { Configuration } from 'electron-builder'
import { setFuses } from './scripts/packaging/fuses'

/**
 * Packaging (`npx electron-builder --win` or `--linux`, after `npm run build`):
 * a per-user Windows installer that needs no administrator rights, and a Linux
 * AppImage. Fuses are flipped in afterPack (scripts/packaging/fuses.ts). Checked
 * without packaging by test/core/packaging.test.ts.
 */
const config: Configuration = {
  appId: 'uk.permanence-desk.app',
  productName: 'Permanence Desk',
  copyright: 'Permanence Desk contributors',
  directories: { output: 'dist', buildResources: 'resources' },
  // The built app only: main, preload and renderer bundles, plus runtime dependencies.
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // better-sqlite3's native module is loaded from disk, so it cannot live inside app.asar.
  asarUnpack: ['**/*.node'],
  // Rebuilds better-sqlite3 for Electron's ABI (needs the Electron headers: a machine with internet).
  npmRebuild: true,
  afterPack: setFuses,
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.png'
  },
  nsis: {
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    // The database in %APPDATA% holds children's records: uninstalling never deletes it.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    shortcutName: 'Permanence Desk'
  },
  linux: {
    target: [{ target: 'AppImage', arch: ['x64'] }],
    icon: 'resources/icon.png',
    category: 'Office',
    synopsis: "Permanence panel, tracker and placement costs for children's services"
  }
}

export default config
