// The user's schedules on disk (`<dataDir>/schedules.json`), written
// atomically; a schedule with an unknown time zone is refused on save.
import { join } from 'node:path';
import { z } from 'zod';
import { ScheduleSchema, type Schedule } from '../../contract/tuning.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';
import { isValidTimeZone } from './schedule.js';

const FileSchema = z.object({ version: z.literal(1), schedules: z.array(ScheduleSchema) });

export class ScheduleValidationError extends Error {
  override readonly name = 'ScheduleValidationError';
}

export class ScheduleStore {
  private readonly file: JsonFile<typeof FileSchema>;
  private schedules: Schedule[] = [];

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'schedules.json'), FileSchema);
  }

  /** Reads the file; problems (a corrupt file moved aside) are returned for the UI to show. */
  async load(): Promise<StorageProblem[]> {
    const { value, problems } = await this.file.load();
    this.schedules = value?.schedules ?? [];
    return problems;
  }

  list(): readonly Schedule[] {
    return this.schedules;
  }

  /** Adds or replaces (by id) one schedule. */
  async put(schedule: Schedule): Promise<void> {
    const checked = ScheduleSchema.safeParse(schedule);
    if (!checked.success) throw new ScheduleValidationError(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (!isValidTimeZone(checked.data.timeZone)) throw new ScheduleValidationError(`unknown time zone ${JSON.stringify(schedule.timeZone)}`);
    const next = this.schedules.filter((s) => s.id !== schedule.id).concat(checked.data);
    await this.file.save({ version: 1, schedules: next });
    this.schedules = next;
  }

  async remove(id: string): Promise<boolean> {
    const next = this.schedules.filter((s) => s.id !== id);
    if (next.length === this.schedules.length) return false;
    await this.file.save({ version: 1, schedules: next });
    this.schedules = next;
    return true;
  }
}
