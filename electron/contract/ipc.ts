// IPC channel names, kept apart from the schemas so the sandboxed preload
// bundle stays tiny (it needs the names, not zod).
export const IPC_REQUEST_CHANNEL = 'hearth:request';
export const IPC_EVENT_CHANNEL = 'hearth:event';
