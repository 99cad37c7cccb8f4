import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { menuTemplate, type PrintableWindow } from '../../src/main/shell/menu'

const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])

describe('the desktop menu', () => {
  it.each(['win32', 'linux', 'darwin'] as const)('prints the window it is used in with Ctrl+P / ⌘P (%s)', (platform) => {
    const print = items(menuTemplate(platform)).find((item) => item.label === 'Print…')
    expect(print?.accelerator).toBe('CmdOrCtrl+P')
    const window: PrintableWindow = { webContents: { print: vi.fn() } }
    print?.click?.({} as never, window as never, {} as never)
    expect(window.webContents.print).toHaveBeenCalledTimes(1)
    // No window focused (a dialog): nothing to print, nothing thrown.
    expect(() => print?.click?.({} as never, undefined, {} as never)).not.toThrow()
  })

  it('keeps the editing shortcuts and leaves out reload and the developer tools', () => {
    const roles = items(menuTemplate('win32')).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']))
    for (const away of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles).not.toContain(away)
    expect(items(menuTemplate('darwin')).map((item) => item.role)).toContain('appMenu')
  })
})
