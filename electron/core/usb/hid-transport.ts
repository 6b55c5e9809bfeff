// A stick reached through the OS HID driver (node-hid). The Avalon nano and
// Avalon4 mini have one 40-byte input and one 40-byte output report and no
// report ids (Avalon-nano firmware hid_desc.c), so every write is prefixed with
// report id 0, as hidapi requires, and every read is one 40-byte report.
import { usbError, type UsbErrorContext } from './access.js';
import type { HidHandle, HidModule } from './native.js';
import { CloseSignal, TransportError, checkReportSize, checkTimeout, withTimeout, type PacketTransport } from './transport.js';

const REPORT_BYTES = 40;
// hidapi's own read timeout does the waiting; this margin only catches a read that never returns.
const STUCK_MARGIN_MS = 1000;

export async function openHidTransport(hid: HidModule, path: string, ctx: Omit<UsbErrorContext, 'backend'>): Promise<PacketTransport> {
  const errorContext: UsbErrorContext = { ...ctx, backend: 'hid' };
  let handle: HidHandle;
  try {
    handle = await hid.HIDAsync.open(path);
  } catch (error) {
    throw usbError(error, errorContext);
  }
  return new HidTransport(handle, errorContext);
}

class HidTransport implements PacketTransport {
  private readonly signal = new CloseSignal();
  readonly description: string;

  constructor(
    private readonly handle: HidHandle,
    private readonly ctx: UsbErrorContext,
  ) {
    this.description = `hid ${ctx.what}`;
  }

  get closed(): boolean {
    return this.signal.closed;
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.signal.closed) throw this.signal.error(this.description);
    checkReportSize(bytes, REPORT_BYTES);
    const report = Buffer.alloc(REPORT_BYTES + 1);
    report.set(bytes, 1);
    try {
      await withTimeout(this.handle.write(report), timeoutMs, `${this.description} write`);
    } catch (error) {
      throw this.failed(error);
    }
  }

  async read(timeoutMs: number): Promise<Uint8Array> {
    checkTimeout(timeoutMs);
    if (this.signal.closed) throw this.signal.error(this.description);
    let data: Buffer | undefined;
    try {
      data = await withTimeout(this.handle.read(timeoutMs), timeoutMs + STUCK_MARGIN_MS, `${this.description} read`);
    } catch (error) {
      throw this.failed(error);
    }
    if (this.signal.closed) throw this.signal.error(this.description);
    if (!data || data.length === 0) throw new TransportError('timeout', `${this.description}: no report within ${timeoutMs} ms`);
    if (data.length > REPORT_BYTES) throw new TransportError('size', `${this.description}: report of ${data.length} bytes, expected ${REPORT_BYTES}`);
    return data;
  }

  async close(): Promise<void> {
    if (!this.signal.close('closed')) return;
    await this.handle.close().catch(() => undefined);
  }

  onClose(listener: (reason: 'closed' | 'unplugged') => void): () => void {
    return this.signal.subscribe(listener);
  }

  /**
   * hidapi reports an unplugged stick only as a failed read or write, so any
   * I/O failure other than a timeout closes the transport as unplugged; the
   * discovery watcher re-opens it if the stick is in fact still there.
   */
  private failed(error: unknown): TransportError {
    const e = usbError(error, this.ctx);
    if (e.code !== 'timeout' && e.code !== 'size' && this.signal.close('unplugged')) void this.handle.close().catch(() => undefined);
    return e.code === 'timeout' || e.code === 'size' ? e : this.signal.error(this.description);
  }
}
