import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'
import { join } from 'node:path'

/**
 * Electron fuses are switches compiled into the Electron binary; flipping them at
 * packaging time removes ways to run code other than ours with the app's identity:
 * ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, an unpacked app folder or an edited
 * app.asar. Cookie encryption protects the session store at rest. The hook runs in
 * electron-builder's afterPack step (electron-builder.ts), before signing.
 */
export const fuseConfig = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Checked by Electron on Windows and macOS; Linux has no embedded integrity yet.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The window loads app://, never file://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
} satisfies FuseV1Config

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  appOutDir: string
  electronPlatformName: string
  packager: { appInfo: { productFilename: string }; executableName?: string }
}

/** Where electron-builder put the renamed Electron binary for a platform. */
export function packedBinaryPath(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context
  const name = packager.appInfo.productFilename
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`)
  if (electronPlatformName === 'darwin') return join(appOutDir, `${name}.app`)
  return join(appOutDir, packager.executableName ?? name)
}

export async function setFuses(context: PackedApp): Promise<void> {
  await flipFuses(packedBinaryPath(context), { ...fuseConfig, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' })
}
