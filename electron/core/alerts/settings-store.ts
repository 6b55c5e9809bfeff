// The alert and metrics-endpoint settings, persisted in
// `<dataDir>/alert-settings.json` (JsonFile: atomic write, backup, an
// unusable file kept aside). Tokens are never here: they live in the
// SecretStore. A missing member takes its default, so older files load.
import { join } from 'node:path';
import { z } from 'zod';
import { AlertSettingsSchema, MetricsSettingsSchema, type AlertSettings, type MetricsSettings } from '../../contract/alerts.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';
import { checkTimeZone } from './quiet-hours.js';

export const ALERT_SETTINGS_FILE = 'alert-settings.json';

const FileSchema = z.object({ alerts: AlertSettingsSchema.prefault({}), metrics: MetricsSettingsSchema.prefault({}) });
type Stored = z.infer<typeof FileSchema>;

export class AlertSettingsStore {
  private constructor(
    private readonly file: JsonFile<typeof FileSchema>,
    private current: Stored,
  ) {}

  /**
   * `systemTimeZone` is the quiet hours' zone until the user picks one (the
   * schema's default is UTC, which is nobody's night).
   */
  static async open(dataDir: string, systemTimeZone: string): Promise<{ store: AlertSettingsStore; problems: StorageProblem[] }> {
    const file = new JsonFile(join(dataDir, ALERT_SETTINGS_FILE), FileSchema);
    const loaded = await file.load();
    let current = loaded.value;
    if (current === undefined) {
      current = FileSchema.parse({});
      current.alerts.quietHours.timeZone = validZone(systemTimeZone) ? systemTimeZone : 'UTC';
    }
    return { store: new AlertSettingsStore(file, current), problems: loaded.problems };
  }

  alerts(): AlertSettings {
    return structuredClone(this.current.alerts);
  }

  metrics(): MetricsSettings {
    return { ...this.current.metrics };
  }

  /** Replaces the parts given; checks the quiet hours' zone (QuietHoursError); the file is written before memory changes. */
  async set(patch: { alerts?: AlertSettings; metrics?: MetricsSettings }): Promise<void> {
    if (patch.alerts) checkTimeZone(patch.alerts.quietHours.timeZone);
    const next = FileSchema.parse({ ...this.current, ...patch });
    await this.file.save(next);
    this.current = next;
  }
}

function validZone(zone: string): boolean {
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}
