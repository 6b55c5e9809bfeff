// The alert engine with its state, for the service: feed it every fleet
// update; it returns the events (to record in the history store and to send
// to the renderer) and hands them to the notifier for webhooks.
import type { Alert, AlertEvent, AlertRules } from '../../contract/alerts.js';
import type { FleetDevice } from '../../contract/fleet.js';
import { activeAlerts, evaluate, initialAlertState, withActive, type AlertState } from './engine.js';

/** What the monitor needs of the notifier (AlertNotifier implements it). */
export interface EventSink {
  notify(events: readonly AlertEvent[]): Promise<void>;
}

export interface AlertMonitorOptions {
  getRules: () => AlertRules;
  /** Webhooks; omitted when none is configured. */
  notifier?: EventSink;
  /** Alerts still active at the last shutdown, from the event history. */
  restore?: readonly Alert[];
  /** A notifier failure that escaped its own handling (it records delivery failures itself). */
  onNotifyError?: (err: unknown) => void;
}

export class AlertMonitor {
  private state: AlertState;
  private readonly opts: AlertMonitorOptions;

  constructor(opts: AlertMonitorOptions) {
    this.opts = opts;
    this.state = withActive(initialAlertState(), opts.restore ?? []);
  }

  /** Evaluates the fleet at `now`; returns raised and cleared events, clears first. */
  update(fleet: readonly FleetDevice[], now: number = Date.now()): AlertEvent[] {
    const r = evaluate(this.state, fleet, now, this.opts.getRules());
    this.state = r.state;
    const events: AlertEvent[] = [
      ...r.cleared.map((alert): AlertEvent => ({ type: 'cleared', at: now, alert })),
      ...r.raised.map((alert): AlertEvent => ({ type: 'raised', at: now, alert })),
    ];
    if (events.length > 0 && this.opts.notifier) this.opts.notifier.notify(events).catch((err: unknown) => this.opts.onNotifyError?.(err));
    return events;
  }

  active(): Alert[] {
    return activeAlerts(this.state);
  }
}
