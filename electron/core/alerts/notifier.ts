// Pushes alert events to the configured webhooks: filters by severity, holds
// events back during quiet hours (and sums them up when quiet hours end),
// sends each channel's messages in order with retries, and keeps a delivery
// status per channel for the settings page. Alerts are recorded by the
// history store whatever happens here.
import { SECRET_KEYS, type AlertEvent, type AlertSettings, type AlertSeverity, type ChannelId, type DeliveryStatus } from '../../contract/alerts.js';
import { inQuietHours } from './quiet-hours.js';
import type { SecretStore } from './secret-store.js';
import { CHANNELS, ChannelConfigError } from './webhooks/channels.js';
import { DEFAULT_DELIVERY, deliver, redact, type DeliveryOptions, type DeliveryResult } from './webhooks/http.js';
import { messagesFor, quietSummary, type OutgoingMessage } from './webhooks/message.js';

export interface NotifierOptions {
  getSettings: () => AlertSettings;
  secrets: SecretStore;
  /** How many alerts are active, for the quiet-hours summary. */
  countActive: () => number;
  now?: () => number;
  delivery?: Partial<DeliveryOptions>;
  /** Told whenever a channel's delivery status changes. */
  onStatus?: (status: DeliveryStatus[]) => void;
}

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
const CHANNEL_IDS: readonly ChannelId[] = ['telegram', 'discord', 'ntfy'];
/** How often `start()` checks whether quiet hours have ended. */
const TICK_MS = 60_000;

export class AlertNotifier {
  private readonly opts: NotifierOptions;
  private readonly delivery: DeliveryOptions;
  private readonly now: () => number;
  private readonly statuses = new Map<ChannelId, DeliveryStatus>();
  /** Per channel, the tail of its send queue: messages go out in order. */
  private readonly queues = new Map<ChannelId, Promise<unknown>>();
  private held: AlertEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(opts: NotifierOptions) {
    this.opts = opts;
    this.delivery = { ...DEFAULT_DELIVERY, ...opts.delivery };
    this.now = opts.now ?? Date.now;
    for (const id of CHANNEL_IDS) this.statuses.set(id, { channel: id, state: 'idle', attempts: 0, failedCount: 0 });
  }

  /** Starts the quiet-hours check; the timer does not keep the process alive. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether pushes (webhooks, and the desktop notifications the host shows) are held back now. */
  isQuiet(at: number = this.now()): boolean {
    return inQuietHours(at, this.opts.getSettings().quietHours);
  }

  /** Whether the host should show a desktop notification for this event now. */
  shouldPush(event: AlertEvent, at: number = this.now()): boolean {
    const s = this.opts.getSettings();
    if (RANK[event.alert.severity] < RANK[s.minSeverity]) return false;
    if (!this.isQuiet(at)) return true;
    return s.quietHours.letCriticalThrough && event.type === 'raised' && event.alert.severity === 'critical';
  }

  /**
   * Sends the events (from one engine evaluation) to every enabled channel.
   * Resolves when all deliveries have finished, retries included.
   */
  async notify(events: readonly AlertEvent[]): Promise<void> {
    const now = this.now();
    await this.flushQuietSummary(now);
    const s = this.opts.getSettings();
    const wanted = events.filter((e) => RANK[e.alert.severity] >= RANK[s.minSeverity]);
    const push = wanted.filter((e) => this.shouldPush(e, now));
    if (this.isQuiet(now)) this.held.push(...wanted.filter((e) => !push.includes(e)));
    await this.sendAll(messagesFor(push));
  }

  /** Sends the quiet-hours summary once they are over. Called by the timer; hosts may call it too. */
  async tick(): Promise<void> {
    await this.flushQuietSummary(this.now());
  }

  /** The "test" button: one message to one channel, now, whatever the quiet hours. */
  async testSend(channel: ChannelId): Promise<DeliveryResult> {
    const message: OutgoingMessage = {
      title: 'Hearth: test message',
      text: 'If you can read this, Hearth can reach you here.',
      severity: 'warning',
      resolved: false,
    };
    return this.sendOne(channel, message, true);
  }

  status(): DeliveryStatus[] {
    return CHANNEL_IDS.map((id) => ({ ...this.statuses.get(id)! }));
  }

  private async flushQuietSummary(now: number): Promise<void> {
    if (this.held.length === 0 || this.isQuiet(now)) return;
    const held = this.held;
    this.held = [];
    if (!this.opts.getSettings().quietHours.summaryAtEnd) return;
    const summary = quietSummary(held, this.opts.countActive());
    if (summary) await this.sendAll([summary]);
  }

  private async sendAll(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const s = this.opts.getSettings();
    const enabled = CHANNEL_IDS.filter((id) => s[id]?.enabled === true);
    await Promise.all(enabled.map(async (id) => {
      for (const m of messages) await this.sendOne(id, m, false);
    }));
  }

  private sendOne(id: ChannelId, message: OutgoingMessage, test: boolean): Promise<DeliveryResult> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(() => this.attempt(id, message, test));
    this.queues.set(id, run.catch(() => undefined));
    return run;
  }

  private async attempt(id: ChannelId, message: OutgoingMessage, test: boolean): Promise<DeliveryResult> {
    const channel = CHANNELS[id];
    let secret: string | undefined;
    try {
      secret = (await this.opts.secrets.get(SECRET_KEYS[id])) ?? undefined;
    } catch (err) {
      return this.record(id, { ok: false, attempts: 0, error: `${channel.label}: ${err instanceof Error ? err.message : String(err)}` }, test, 'failed');
    }
    const secrets = secret ? [secret] : [];
    let request;
    try {
      request = channel.build(message, this.opts.getSettings(), secret);
    } catch (err) {
      const text = err instanceof ChannelConfigError ? err.message : `${channel.label}: could not build the request`;
      return this.record(id, { ok: false, attempts: 0, error: redact(text, secrets) }, test, 'not-configured');
    }
    this.update(id, { state: 'sending', lastAttemptAt: this.now() });
    const result = await deliver(request, (r) => channel.read(r), this.delivery, secrets, this.now);
    return this.record(id, result, test, result.ok ? 'ok' : 'failed');
  }

  private record(id: ChannelId, result: DeliveryResult, test: boolean, state: DeliveryStatus['state']): DeliveryResult {
    const at = this.now();
    const before = this.statuses.get(id)!;
    const { error: _old, httpStatus: _status, ...rest } = before;
    this.update(
      id,
      {
        ...rest,
        state,
        attempts: result.attempts,
        lastAttemptAt: at,
        ...(result.ok ? { lastSuccessAt: at } : {}),
        ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
        ...(result.error === undefined ? {} : { error: result.error }),
        // A failed test is shown, but is not a lost alert.
        failedCount: before.failedCount + (!result.ok && !test && state === 'failed' ? 1 : 0),
      },
      true,
    );
    return result;
  }

  private update(id: ChannelId, patch: Partial<DeliveryStatus>, replace = false): void {
    const before = this.statuses.get(id)!;
    this.statuses.set(id, replace ? ({ channel: id, ...patch } as DeliveryStatus) : { ...before, ...patch });
    this.opts.onStatus?.(this.status());
  }
}
