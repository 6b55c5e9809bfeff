// Lazy, fail-soft loading of the two native USB modules. Either may be
// missing (no prebuilt binary for this platform, a CI box) or unusable (no USB
// bus); the app then shows "USB unavailable: <reason>" instead of crashing.
// Only the members Hearth uses are typed here, structurally, so tests can
// stand in for them.

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  interface: number;
}

export interface HidHandle {
  write(values: number[] | Buffer): Promise<number>;
  /** undefined when nothing arrived within the time. */
  read(timeoutMs?: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidHandle> };
}

export interface UsbTransferIn {
  data?: DataView | undefined;
  status: string;
}

export interface UsbDeviceHandle {
  vendorId: number;
  productId: number;
  bus?: string;
  address?: number;
  serialNumber?: string | null;
  productName?: string | null;
  manufacturerName?: string | null;
  open(): Promise<void>;
  close(): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  detachKernelDriver?(interfaceNumber: number): Promise<void>;
  transferIn(endpointNumber: number, length: number, timeout?: number): Promise<UsbTransferIn>;
  transferOut(endpointNumber: number, data: Uint8Array, timeout?: number): Promise<{ bytesWritten: number; status: string }>;
}

export interface UsbConnectionEvent {
  device: UsbDeviceHandle;
}

export interface UsbBus {
  getDevices(): Promise<UsbDeviceHandle[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: (event: UsbConnectionEvent) => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: (event: UsbConnectionEvent) => void): void;
}

export type NativeModuleName = 'node-hid' | 'usb';
export type NativeImporter = (name: NativeModuleName) => Promise<unknown>;

// Literal specifiers, so bundlers see both (and keep them external).
export const importNative: NativeImporter = (name) => (name === 'node-hid' ? import('node-hid') : import('usb'));

export type Loaded<T> = { module: T; reason?: undefined } | { module?: undefined; reason: string };

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export async function loadHid(importer: NativeImporter = importNative): Promise<Loaded<HidModule>> {
  try {
    const m = await importer('node-hid');
    const candidate = isRecord(m) && typeof m.devicesAsync !== 'function' && isRecord(m.default) ? m.default : m;
    const hidAsync: unknown = isRecord(candidate) ? candidate.HIDAsync : undefined;
    // HIDAsync is a class: a function with a static open().
    const canOpen = (typeof hidAsync === 'function' || isRecord(hidAsync)) && typeof (hidAsync as { open?: unknown }).open === 'function';
    if (!isRecord(candidate) || typeof candidate.devicesAsync !== 'function' || !canOpen) {
      return { reason: 'node-hid loaded but does not look like node-hid 3 (no devicesAsync/HIDAsync)' };
    }
    return { module: candidate as unknown as HidModule };
  } catch (error) {
    return { reason: `cannot load node-hid: ${reasonOf(error)}` };
  }
}

export async function loadUsb(importer: NativeImporter = importNative): Promise<Loaded<UsbBus>> {
  try {
    const m = await importer('usb');
    const bus = isRecord(m) ? (isRecord(m.usb) ? m.usb : isRecord(m.default) && isRecord(m.default.usb) ? m.default.usb : undefined) : undefined;
    if (!bus || typeof bus.getDevices !== 'function' || typeof bus.addEventListener !== 'function') {
      return { reason: 'usb loaded but does not look like usb 3 (no usb.getDevices/addEventListener)' };
    }
    return { module: bus as unknown as UsbBus };
  } catch (error) {
    return { reason: `cannot load usb: ${reasonOf(error)}` };
  }
}

export { reasonOf as nativeErrorReason };
