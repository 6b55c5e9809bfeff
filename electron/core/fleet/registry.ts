// The devices the user saved, remembered across restarts in
// `<dataDir>/devices.json`. Demo devices live here too while demo mode runs,
// but are never written to the user's file.
import { join } from 'node:path';
import { z } from 'zod';
import { DeviceRecordSchema, type DeviceRecord } from '../../contract/fleet.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';
import { parseDeviceAddress } from './address.js';

export const DEVICES_FILE = 'devices.json';

const DevicesFileSchema = z.object({
  version: z.literal(1),
  devices: z.array(DeviceRecordSchema),
});

export type RegistryErrorKind = 'duplicate' | 'not-found';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  readonly kind: RegistryErrorKind;
  readonly id: string;

  constructor(kind: RegistryErrorKind, id: string, message: string) {
    super(message);
    this.kind = kind;
    this.id = id;
  }
}

export interface NewDevice {
  host: string;
  port?: number;
  nickname?: string;
  location?: string;
  source: DeviceRecord['source'];
}

export interface DevicePatch {
  /** An empty string clears the field. */
  nickname?: string;
  location?: string;
}

export class DeviceRegistry {
  private readonly file: JsonFile<typeof DevicesFileSchema>;
  private readonly records = new Map<string, DeviceRecord>();
  /** Ids kept in memory only (demo devices). */
  private readonly ephemeral = new Set<string>();
  private readonly now: () => number;

  private constructor(file: JsonFile<typeof DevicesFileSchema>, now: () => number) {
    this.file = file;
    this.now = now;
  }

  /** Loads the saved devices; `problems` lists files that were unusable and moved aside. */
  static async open(dataDir: string, opts: { now?: () => number } = {}): Promise<{ registry: DeviceRegistry; problems: StorageProblem[] }> {
    const now = opts.now ?? Date.now;
    const file = new JsonFile(join(dataDir, DEVICES_FILE), DevicesFileSchema, { now });
    const registry = new DeviceRegistry(file, now);
    const loaded = await file.load();
    for (const record of loaded.value?.devices ?? []) registry.records.set(record.id, record);
    return { registry, problems: loaded.problems };
  }

  list(): DeviceRecord[] {
    return [...this.records.values()];
  }

  get(id: string): DeviceRecord | undefined {
    return this.records.get(id);
  }

  /**
   * Saves a new device. Throws AddressError for an address that cannot be a
   * device, and RegistryError 'duplicate' when the address is saved already.
   * `persist: false` keeps it in memory only.
   */
  async add(input: NewDevice, opts: { persist?: boolean } = {}): Promise<DeviceRecord> {
    const address = parseDeviceAddress(input.host, input.port);
    const existing = this.records.get(address.id);
    if (existing) {
      const known = existing.nickname ? ` as "${existing.nickname}"` : '';
      throw new RegistryError('duplicate', address.id, `${address.id} is already in the fleet${known}`);
    }
    const record: DeviceRecord = {
      id: address.id,
      host: address.host,
      port: address.port,
      ...withText('nickname', input.nickname),
      ...withText('location', input.location),
      source: input.source,
      addedAt: this.now(),
    };
    this.records.set(record.id, record);
    if (opts.persist === false) {
      this.ephemeral.add(record.id);
      return record;
    }
    try {
      await this.persist();
    } catch (err) {
      this.records.delete(record.id);
      throw err;
    }
    return record;
  }

  async update(id: string, patch: DevicePatch): Promise<DeviceRecord> {
    const current = this.records.get(id);
    if (!current) throw new RegistryError('not-found', id, `no device ${id} in the fleet`);
    const next: DeviceRecord = { ...current };
    for (const key of ['nickname', 'location'] as const) {
      const value = patch[key];
      if (value === undefined) continue;
      delete next[key];
      Object.assign(next, withText(key, value));
    }
    this.records.set(id, next);
    if (!this.ephemeral.has(id)) {
      try {
        await this.persist();
      } catch (err) {
        this.records.set(id, current);
        throw err;
      }
    }
    return next;
  }

  async remove(id: string): Promise<boolean> {
    const current = this.records.get(id);
    if (!current) return false;
    this.records.delete(id);
    if (this.ephemeral.delete(id)) return true;
    try {
      await this.persist();
    } catch (err) {
      this.records.set(id, current);
      throw err;
    }
    return true;
  }

  private persist(): Promise<void> {
    const devices = this.list().filter((r) => !this.ephemeral.has(r.id));
    return this.file.save({ version: 1, devices });
  }
}

function withText<K extends 'nickname' | 'location'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const text = value?.trim();
  return text ? ({ [key]: text } as Partial<Record<K, string>>) : {};
}
