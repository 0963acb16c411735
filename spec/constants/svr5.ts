/**
 * SVR5 DDI flag values. The manual pages name the flags but not their values;
 * these are the suite's own, fixed so that every implementation and wire
 * message agrees on them.
 */
export const KM_SLEEP = 0;
export const KM_NOSLEEP = 1;
/** kmem_alloc_phys (DDI 8): the caller accepts failure instead of blocking. */
export const KM_FAIL_OK = 2;

/** physreq phys_flags: the buffer must be physically contiguous. */
export const PREQ_PHYSCONTIG = 0x01;
export const PREQ_KNOWN_FLAGS = PREQ_PHYSCONTIG;

/** phys_dmasize values the DDI defines: 0 means no requirement. */
export const DMASIZE_VALUES: ReadonlyArray<number> = [0, 24, 32, 64];

export function formatKmFlag(flag: number): string {
  if (flag === KM_SLEEP) return 'KM_SLEEP';
  if (flag === KM_NOSLEEP) return 'KM_NOSLEEP';
  return String(flag);
}

export function formatPhysFlag(flag: number): string {
  if (flag === 0) return '0';
  if (flag === KM_FAIL_OK) return 'KM_FAIL_OK';
  return String(flag);
}
