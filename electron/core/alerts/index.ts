// The alerts module's public surface, for the service and the hosts.
export { evaluate, activeAlerts, initialAlertState, withActive, deviceName, DEFAULT_RULES } from './engine.js';
export type { AlertState, DeviceAlertState, Evaluation } from './engine.js';
export { AlertMonitor } from './monitor.js';
export type { AlertMonitorOptions, EventSink } from './monitor.js';
export { AlertNotifier } from './notifier.js';
export type { NotifierOptions } from './notifier.js';
export { inQuietHours, checkTimeZone, QuietHoursError } from './quiet-hours.js';
export { createSealedFileSecretStore, createHeadlessSecretStore, createMemorySecretStore, SecretStoreError } from './secret-store.js';
export type { SecretStore, Sealer, SecretProtection } from './secret-store.js';
export type { DeliveryResult, DeliveryOptions } from './webhooks/http.js';
