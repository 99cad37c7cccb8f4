import { contextBridge, ipcRenderer } from 'electron'
import { callNames, ipcChannel, type ApiClient } from '../shared/api'

// Exactly the contract's calls, each a single invoke; nothing else from Node or Electron.
const api = Object.fromEntries(callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)])) as ApiClient

contextBridge.exposeInMainWorld('api', api)
