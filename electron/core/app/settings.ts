// The user's settings, persisted in `<dataDir>/settings.json`. Every setting
// is optional in the file: one added in a later version takes its default, so
// a file written by an older Hearth keeps loading. The host may give the
// language to use until the user picks one (Electron: the OS locale).
import { join } from 'node:path';
import { SettingsSchema, type Settings } from '../../contract/api.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  pollIntervalMs: 5000,
  language: 'en',
  theme: 'system',
});

const SettingsFileSchema = SettingsSchema.partial();

export class SettingsStore {
  private readonly file: JsonFile<typeof SettingsFileSchema>;
  private current: Settings;

  private constructor(file: JsonFile<typeof SettingsFileSchema>, current: Settings) {
    this.file = file;
    this.current = current;
  }

  static async open(
    dataDir: string,
    opts: { now?: () => number; language?: Settings['language'] } = {},
  ): Promise<{ store: SettingsStore; problems: StorageProblem[] }> {
    const file = new JsonFile(join(dataDir, SETTINGS_FILE), SettingsFileSchema, opts);
    const loaded = await file.load();
    const defaults = opts.language === undefined ? DEFAULT_SETTINGS : { ...DEFAULT_SETTINGS, language: opts.language };
    return { store: new SettingsStore(file, { ...defaults, ...loaded.value }), problems: loaded.problems };
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Applies and saves a validated partial update; the in-memory value changes only once it is on disk. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = SettingsSchema.parse({ ...this.current, ...patch });
    await this.file.save(next);
    this.current = next;
    return this.get();
  }
}
