// A stick reached through libusb (the `usb` package), the way cgminer talks to
// it: claim the packet interface and use its interrupt endpoints directly
// (usbutils.c avam_epinfos / av3u_epinfos: interface 1 on the Avalon4 mini,
// 0 on the nano, EP 1 IN and OUT, 40 bytes). Used where no HID driver owns the
// stick (e.g. Windows after Zadig); on Linux the kernel's usbhid is detached
// first, as cgminer does.
import { usbError, type UsbErrorContext } from './access.js';
import type { CanaanUsbId } from './ids.js';
import type { UsbBus, UsbConnectionEvent, UsbDeviceHandle } from './native.js';
import { CloseSignal, TransportError, checkReportSize, withTimeout, type PacketTransport } from './transport.js';

const STUCK_MARGIN_MS = 1000;

export async function openUsbTransport(
  bus: UsbBus,
  device: UsbDeviceHandle,
  id: CanaanUsbId,
  ctx: Omit<UsbErrorContext, 'backend'>,
): Promise<PacketTransport> {
  const errorContext: UsbErrorContext = { ...ctx, backend: 'usb' };
  try {
    await device.open();
    if (ctx.platform === 'linux' && device.detachKernelDriver) {
      // Fails harmlessly when no kernel driver is bound.
      await device.detachKernelDriver(id.interfaceNumber).catch(() => undefined);
    }
    await device.claimInterface(id.interfaceNumber);
  } catch (error) {
    await device.close().catch(() => undefined);
    throw usbError(error, errorContext);
  }
  return new UsbTransport(bus, device, id, errorContext);
}

class UsbTransport implements PacketTransport {
  private readonly signal = new CloseSignal();
  readonly description: string;
  private readonly onDisconnect = (event: UsbConnectionEvent) => {
    if (event.device === this.device) this.shut('unplugged');
  };

  constructor(
    private readonly bus: UsbBus,
    private readonly device: UsbDeviceHandle,
    private readonly id: CanaanUsbId,
    private readonly ctx: UsbErrorContext,
  ) {
    this.description = `usb ${ctx.what}`;
    bus.addEventListener('disconnect', this.onDisconnect);
  }

  get closed(): boolean {
    return this.signal.closed;
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.signal.closed) throw this.signal.error(this.description);
    checkReportSize(bytes, this.id.packetBytes);
    try {
      const result = await withTimeout(this.device.transferOut(this.id.endpointOut, bytes, timeoutMs), timeoutMs + STUCK_MARGIN_MS, `${this.description} write`);
      if (result.bytesWritten !== bytes.length) throw new TransportError('io', `${this.description}: wrote ${result.bytesWritten} of ${bytes.length} bytes`);
    } catch (error) {
      throw this.failed(error);
    }
  }

  async read(timeoutMs: number): Promise<Uint8Array> {
    if (this.signal.closed) throw this.signal.error(this.description);
    let result;
    try {
      result = await withTimeout(this.device.transferIn(this.id.endpointIn, this.id.packetBytes, timeoutMs), timeoutMs + STUCK_MARGIN_MS, `${this.description} read`);
    } catch (error) {
      throw this.failed(error);
    }
    const data = result.data;
    if (!data || data.byteLength === 0) throw new TransportError('timeout', `${this.description}: no report within ${timeoutMs} ms`);
    if (data.byteLength > this.id.packetBytes) throw new TransportError('size', `${this.description}: report of ${data.byteLength} bytes, expected ${this.id.packetBytes}`);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  }

  async close(): Promise<void> {
    this.shut('closed');
  }

  onClose(listener: (reason: 'closed' | 'unplugged') => void): () => void {
    return this.signal.subscribe(listener);
  }

  private shut(reason: 'closed' | 'unplugged'): void {
    if (!this.signal.close(reason)) return;
    this.bus.removeEventListener('disconnect', this.onDisconnect);
    void this.device
      .releaseInterface(this.id.interfaceNumber)
      .catch(() => undefined)
      .then(() => this.device.close())
      .catch(() => undefined);
  }

  private failed(error: unknown): TransportError {
    const e = usbError(error, this.ctx);
    if (e.code === 'unplugged') this.shut('unplugged');
    return this.signal.closed ? this.signal.error(this.description) : e;
  }
}
