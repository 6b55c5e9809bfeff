// The user's earnings settings, persisted in `<dataDir>/earnings-settings.json`
// (JsonFile: atomic write, backup, an unusable file kept aside). Each
// top-level member is optional in the file and takes its default when
// missing, so a file written by an older Hearth keeps loading.
import { join } from 'node:path';
import { EarningsSettingsSchema, type EarningsSettings, type EarningsSettingsPatch } from '../../contract/earnings.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';
import { defaultEarningsSettings } from './settings.js';

export const EARNINGS_SETTINGS_FILE = 'earnings-settings.json';

const FileSchema = EarningsSettingsSchema.partial();

export class EarningsSettingsStore {
  private readonly file: JsonFile<typeof FileSchema>;
  private current: EarningsSettings;

  private constructor(file: JsonFile<typeof FileSchema>, current: EarningsSettings) {
    this.file = file;
    this.current = current;
  }

  static async open(dataDir: string, opts: { now?: () => number } = {}): Promise<{ store: EarningsSettingsStore; problems: StorageProblem[] }> {
    const file = new JsonFile(join(dataDir, EARNINGS_SETTINGS_FILE), FileSchema, opts);
    const loaded = await file.load();
    return { store: new EarningsSettingsStore(file, { ...defaultEarningsSettings(), ...loaded.value }), problems: loaded.problems };
  }

  get(): EarningsSettings {
    return structuredClone(this.current);
  }

  /** Replaces the members given; the in-memory value changes only once the file is written. */
  async set(patch: EarningsSettingsPatch): Promise<EarningsSettings> {
    const next = EarningsSettingsSchema.parse({ ...this.current, ...patch });
    await this.file.save(next);
    this.current = next;
    return this.get();
  }
}
