// Runs sandboxed, before the renderer: exposes exactly the HearthApi
// (request + on) and nothing of Node or Electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../contract/ipc.js';

type Envelope =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: { code: string; message: string } }
  | { type: 'event'; event: string; payload: unknown };

let nextId = 1;

async function request(method: string, params: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, { id: nextId++, method, params })) as Envelope;
  if (reply.type === 'response' && reply.ok) return reply.result;
  const error = reply.type === 'response' && !reply.ok ? reply.error : { code: 'internal', message: 'Unexpected reply.' };
  throw Object.assign(new Error(error.message), { code: error.code });
}

function on(event: string, listener: (payload: unknown) => void): () => void {
  const handler = (_e: IpcRendererEvent, message: Envelope) => {
    if (message.type === 'event' && message.event === event) listener(message.payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
}

contextBridge.exposeInMainWorld('hearth', { request, on });
