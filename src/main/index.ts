import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { callNames, ipcChannel } from '../shared/api'
import { contentSecurityPolicy } from './bridge/server'
import type { Context } from './core/context'
import { startSession } from './core/backup/startup'
import { dispatch } from './core/dispatch'
import { defaultDataDir, defaultDbPath } from './core/paths'
import { openExternalSafely } from './shell/external'
import { isAppUrl } from './shell/navigation'

// The shell only: window, hardening and IPC wiring. Everything else is in ./core.

const argDb = process.argv.find((a) => a.startsWith('--db='))?.slice(5)
app.setPath('userData', defaultDataDir())
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href

function registerIpc(ctx: Context): void {
  for (const name of callNames) {
    ipcMain.handle(ipcChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      // Only our own top-level page may call the API.
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isAppUrl(frame.url, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'Call from an unexpected frame refused' } }
      }
      return dispatch(ctx, name, input)
    })
  }
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } })
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url, (u) => shell.openExternal(u))
      return { action: 'deny' }
    })
  })
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Permanence Desk',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererUrl)
}

app.enableSandbox()
void app.whenReady().then(() => {
  // Integrity check, daily backup and the recovery mode live in core; the shell only starts it.
  const { ctx } = startSession(argDb ?? defaultDbPath(), 'electron', { demoIfEmpty: true })
  harden()
  registerIpc(ctx)
  createWindow()
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow())
  app.on('will-quit', () => ctx.db.close())
})
app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit())
