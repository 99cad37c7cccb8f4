import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import config from '../../electron-builder'
import { fuseConfig, packedBinaryPath, setFuses, type PackedApp } from '../../scripts/packaging/fuses'
import { tempDir } from '../helpers/tmp'

// Packaging itself needs Electron's binary and the internet; these tests check what can
// be checked here: the configuration electron-builder loads, and the fuse hook run on a
// stand-in binary carrying Electron's fuse wire.

const root = join(import.meta.dirname, '..', '..')
const require = createRequire(import.meta.url)
const builderConfig = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: unknown) => Promise<Record<string, unknown>>
  validateConfiguration: (c: unknown, logger: { isEnabled: boolean; add: () => void }) => Promise<void>
}

/** A file laid out like an Electron binary around its fuse wire, with Electron's default fuse states. */
function fakeElectron(path: string): void {
  const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX')
  const defaults = '101100011' // RunAsNode, cookies, NODE_OPTIONS, inspect, asar integrity, only asar, v8 snapshot, file://, wasm traps
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), sentinel, Buffer.from([1, defaults.length]), Buffer.from(defaults), Buffer.alloc(4096, 7)]))
}

describe('electron-builder configuration', () => {
  it('builds a per-user NSIS installer for Windows and an AppImage for Linux, keeping user data on uninstall', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false })
    expect(config.linux?.target).toEqual([{ target: 'AppImage', arch: ['x64'] }])
    expect(config.asar).toBe(true)
    expect(config.afterPack).toBe(setFuses)
    expect(config.directories?.buildResources).toBe('resources')
  })

  it('is found, loaded and accepted by electron-builder itself', async () => {
    const loaded = await builderConfig.getConfig(root, null, null)
    expect(loaded.productName).toBe('Permanence Desk')
    expect(typeof loaded.afterPack).toBe('function')
    const logger = { isEnabled: false, add: () => undefined }
    await expect(builderConfig.validateConfiguration(loaded, logger)).resolves.toBeUndefined()
    await expect(builderConfig.validateConfiguration({ ...loaded, nsis: { perMachine: 'yes' } }, logger)).rejects.toThrow(/perMachine/)
  })

  it('points at a 512×512 PNG icon in resources/', () => {
    for (const icon of [config.win?.icon, config.linux?.icon]) {
      const png = readFileSync(join(root, icon as string))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])
    }
  })

  it('pins Electron to an exact 45.x release and keeps the packager out of the installed app', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
      scripts: Record<string, string>
    }
    expect(pkg.devDependencies.electron).toMatch(/^45\.\d+\.\d+$/)
    for (const dev of ['electron', 'electron-builder', '@electron/fuses']) expect(pkg.dependencies[dev]).toBeUndefined()
    expect(Object.keys(pkg.scripts)).not.toContain('postinstall')
  })
})

describe('fuses (afterPack)', () => {
  const context = (dir: string, platform: string): PackedApp => ({
    appOutDir: dir,
    electronPlatformName: platform,
    packager: { appInfo: { productFilename: 'Permanence Desk' }, executableName: 'permanence-desk' }
  })

  it('finds the packed binary per platform', () => {
    expect(packedBinaryPath(context('/o', 'win32'))).toBe(join('/o', 'Permanence Desk.exe'))
    expect(packedBinaryPath(context('/o', 'linux'))).toBe(join('/o', 'permanence-desk'))
    expect(packedBinaryPath(context('/o', 'darwin'))).toBe(join('/o', 'Permanence Desk.app'))
  })

  it.each(['win32', 'linux'])('flips the fuses in the %s binary', async (platform) => {
    const dir = tempDir()
    const binary = packedBinaryPath(context(dir, platform))
    fakeElectron(binary)
    await setFuses(context(dir, platform))
    const wire = await getCurrentFuseWire(binary)
    const expected: [FuseV1Options, FuseState][] = [
      [FuseV1Options.RunAsNode, FuseState.DISABLE],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
      [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
      [FuseV1Options.EnableCookieEncryption, FuseState.ENABLE],
      [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, FuseState.DISABLE]
    ]
    for (const [fuse, state] of expected) expect([FuseV1Options[fuse], wire[fuse]]).toEqual([FuseV1Options[fuse], state])
    // Fuses we do not set keep Electron's default.
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE)
    expect(Object.keys(fuseConfig)).toHaveLength(expected.length + 1)
  })
})
