// Binds the contract to Electron IPC. Only frames of our own renderer origin
// may call; every message is checked against the wire schema here and its
// params against the contract's schemas by the service.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { events, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, WireRequestSchema, type EventName, type WireMessage } from '../contract/api.js';
import type { HearthService } from '../core/app/service.js';
import { answerWireRequest } from '../core/app/wire.js';
import { isAppUrl } from './window.js';

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export async function answerIpcRequest(service: HearthService, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, message: unknown): Promise<WireMessage> {
  if (!isTrustedSender(event)) {
    const request = WireRequestSchema.safeParse(message);
    const id = request.success ? request.data.id : -1;
    return { type: 'response', id, ok: false, error: { code: 'unauthorized', message: 'This window may not call Hearth.' } };
  }
  return answerWireRequest(service, message);
}

/** Returns a function that unbinds everything (used on quit). */
export function bindIpc(ipcMain: IpcMain, service: HearthService, recipients: () => WebContents[]): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, message: unknown) => answerIpcRequest(service, event, message));
  const unsubscribers = (Object.keys(events) as EventName[]).map((name) =>
    service.on(name, (payload) => {
      for (const contents of recipients()) {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { type: 'event', event: name, payload });
      }
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
    for (const off of unsubscribers) off();
  };
}
