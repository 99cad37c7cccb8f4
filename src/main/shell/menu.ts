import type { MenuItemConstructorOptions } from 'electron'

/** What a menu item needs of the window it acts on: printing its page. */
export interface PrintableWindow {
  webContents: { print: (options?: { silent?: boolean; printBackground?: boolean }) => void }
}

/**
 * The desktop app's menu. Electron's default menu has no Print, so a page without its own
 * Print button (a child's record, the review, the children list) could not be printed at
 * all; it also offers reload, which throws away a decision being typed, and the developer
 * tools. This one: Print (Ctrl+P, ⌘P), editing (the shortcuts of every text field), zoom,
 * full screen and the window; nothing that reloads the page.
 */
export function menuTemplate(platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const print: MenuItemConstructorOptions = {
    label: 'Print…',
    accelerator: 'CmdOrCtrl+P',
    // The page's own print styles decide what goes on paper, as in a browser.
    click: (_item, window) => (window as PrintableWindow | undefined)?.webContents.print({ printBackground: false })
  }
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [print, { type: 'separator' }, platform === 'darwin' ? { role: 'close' } : { role: 'quit' }]
  }
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]
  }
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }]
  }
  const window: MenuItemConstructorOptions = { role: 'windowMenu' }
  return platform === 'darwin' ? [{ role: 'appMenu' }, file, edit, view, window] : [file, edit, view, window]
}
