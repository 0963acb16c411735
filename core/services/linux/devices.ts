import { DEFAULT_MASK_BITS, dmaBitMask } from '../../../spec/constants/linux';

/** A device's two masks: streaming (dma_set_mask) and coherent (dma_set_coherent_mask). */
export interface DeviceMasks {
  streaming: bigint;
  coherent: bigint;
}

/** Devices by the caller's number; each starts with 32-bit masks the first time it is named. */
export class DeviceTable {
  private readonly devices = new Map<number, DeviceMasks>();

  get(dev: number): DeviceMasks {
    let d = this.devices.get(dev);
    if (d === undefined) {
      const mask = dmaBitMask(DEFAULT_MASK_BITS);
      d = { streaming: mask, coherent: mask };
      this.devices.set(dev, d);
    }
    return d;
  }
}
