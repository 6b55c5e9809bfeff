// Canaan's USB identities and how each one is reached. Facts from cgminer's
// usbutils.c (find_dev table, where they are AV3U, AV4M and AV4/AV7/AV8;
// avam/av3u/ava4 epinfos) and Canaan's Avalon-nano firmware (hid_desc.c); see
// docs/usb.md for sources.

/** Canaan's USB vendor id. */
export const CANAAN_VENDOR_ID = 0x29f1;

export type CanaanUsbKind = 'avalon-nano' | 'avalon4-mini' | 'auc';

export interface CanaanUsbId {
  readonly kind: CanaanUsbKind;
  readonly vendorId: number;
  readonly productId: number;
  /** The product string the device reports (iProduct). */
  readonly product: string;
  /**
   * 'avam': the 40-byte 'C' 'N' packet protocol this module speaks (driver.ts).
   * 'auc': the USB-to-I2C converter for Avalon 4-8 modules; recognised, not driven.
   */
  readonly protocol: 'avam' | 'auc';
  /** The interface that carries the packets, its endpoints and packet size. */
  readonly interfaceNumber: number;
  readonly endpointIn: number;
  readonly endpointOut: number;
  readonly packetBytes: number;
}

export const CANAAN_USB_IDS: readonly CanaanUsbId[] = Object.freeze([
  {
    kind: 'avalon-nano',
    vendorId: CANAAN_VENDOR_ID,
    productId: 0x33f3,
    product: 'Avalon nano',
    protocol: 'avam',
    interfaceNumber: 0,
    endpointIn: 1,
    endpointOut: 1,
    packetBytes: 40,
  },
  {
    kind: 'avalon4-mini',
    vendorId: CANAAN_VENDOR_ID,
    productId: 0x40f1,
    product: 'Avalon4 mini',
    protocol: 'avam',
    interfaceNumber: 1,
    endpointIn: 1,
    endpointOut: 1,
    packetBytes: 40,
  },
  {
    kind: 'auc',
    vendorId: CANAAN_VENDOR_ID,
    productId: 0x33f2,
    product: 'USB2IIC Converter',
    protocol: 'auc',
    interfaceNumber: 1,
    endpointIn: 1,
    endpointOut: 1,
    packetBytes: 64,
  },
] satisfies CanaanUsbId[]);

export function identifyCanaanUsb(vendorId: number, productId: number): CanaanUsbId | undefined {
  return CANAAN_USB_IDS.find((id) => id.vendorId === vendorId && id.productId === productId);
}

export function isCanaanVendor(vendorId: number): boolean {
  return vendorId === CANAAN_VENDOR_ID;
}

/** "29f1:33f3", the form lsusb and udev rules use. */
export function formatUsbId(vendorId: number, productId: number): string {
  const hex = (n: number) => (n & 0xffff).toString(16).padStart(4, '0');
  return `${hex(vendorId)}:${hex(productId)}`;
}
