import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { callNames, ipcChannel } from '../shared/api'
import { defaultDataDir } from './core/paths'
import { startDatabaseWorker, type DatabaseWorker } from './core/worker/db-client'
import { appEntryUrl, appScheme, appSchemePrivileges, serveAppRequest } from './shell/app-protocol'
import { parseShellArgs, ShellArgsError, type ShellArgs } from './shell/args'
import { contentSecurityPolicy, noncePlaceholder } from './shell/csp'
import { ConnectionStore, shownLocation, startupDatabase, type StartupDatabase } from './shell/connection'
import { connectionCalls } from './shell/connection-calls'
import { closeDatabaseBeforeQuit, logDatabaseRestarts } from './shell/database'
import { isPostgresUrl } from './core/store/open'
import { openExternalSafely } from './shell/external'
import { menuTemplate } from './shell/menu'
import { isAppUrl } from './shell/navigation'

// The shell only: window, hardening and IPC wiring. Everything it decides (arguments,
// which files the app:// scheme serves, CSP, URLs) lives in ./shell as tested functions.

function readArgs(): ShellArgs {
  try {
    return parseShellArgs(process.argv.slice(1))
  } catch (error) {
    if (!(error instanceof ShellArgsError)) throw error
    // Refuse to start rather than open a database nobody named (see shell/args.ts).
    console.error(`Permanence Desk: ${error.message}`)
    dialog.showErrorBox('Permanence Desk cannot start', error.message)
    process.exit(2)
  }
}

const shellArgs = readArgs()
app.setPath('userData', defaultDataDir())
const rendererDir = join(import.meta.dirname, '../renderer')
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const rendererUrl = devServerUrl ?? appEntryUrl

protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }])

function registerIpc(database: Promise<DatabaseWorker>, connections: ConnectionStore, current: StartupDatabase): void {
  const answerConnection = connectionCalls(connections, current)
  for (const name of callNames) {
    ipcMain.handle(ipcChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      // Only our own top-level page may call the API.
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isAppUrl(frame.url, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'Call from an unexpected frame refused' } }
      }
      return answerConnection(name, input) ?? (await database).dispatch(name, input)
    })
  }
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  protocol.handle(appScheme, (request) => serveAppRequest(request.method, request.url, rendererDir))
  if (devServerUrl) {
    // Development only: Vite's dev server cannot mint a nonce per page, so its HTML keeps the placeholder.
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      const csp = contentSecurityPolicy(noncePlaceholder)
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }) // eng-disable CSP_GLOBAL_CHECK: the policy is built by shell/csp.ts, tested there
    })
  }
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url, (u) => shell.openExternal(u)) // eng-disable OPEN_EXTERNAL_JS_CHECK: only https links to the vetted hosts in shell/external.ts
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
      preload: join(import.meta.dirname, '../preload/index.cjs'), // eng-disable PRELOAD_JS_CHECK: sandboxed; exposes only the contract's calls
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in new windows (denied anyway by the open handler).
      disableBlinkFeatures: 'Auxclick'
    }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererUrl)
}

app.enableSandbox()
void app.whenReady().then(() => {
  // The database runs in its own thread (core/worker), with the integrity check, daily
  // backup and recovery mode; this thread only draws windows and passes calls on. The
  // window loads while the worker starts; calls made meanwhile wait for it.
  // The saved team connection (the Database connection screen) unless --db / PERMANENCE_DB name one.
  const connections = new ConnectionStore(app.getPath('userData'), safeStorage)
  let database: StartupDatabase
  try {
    database = startupDatabase(shellArgs, connections)
  } catch (error) {
    dialog.showErrorBox('Permanence Desk cannot start', (error as Error).message)
    return app.exit(2)
  }
  // Demo children go only into a new embedded database, never into a team one.
  const starting = startDatabaseWorker({ location: database.location, shell: 'electron', demoIfEmpty: !isPostgresUrl(database.location) })
  harden()
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform)))
  registerIpc(starting, connections, database)
  createWindow()
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow())
  starting.then(
    (worker) => {
      console.log(`Permanence Desk: database ${shownLocation(database.location)} (${database.source}), ready in ${Math.round(worker.startMs)} ms`)
      logDatabaseRestarts(worker)
      closeDatabaseBeforeQuit(app, worker)
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      console.error(`Permanence Desk: ${message}`)
      dialog.showErrorBox('Permanence Desk cannot start', message)
      app.exit(1)
    }
  )
})
app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit())
