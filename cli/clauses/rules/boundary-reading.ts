import { hex } from '../../../spec/address/u64';
import { checkPlacement } from '../../../spec/predicates/check';
import { defaultPhysreq, constraintsFromPhysreq } from '../../../spec/constraints/from-physreq';
import { code } from './markdown';

/**
 * Whether a boundary applies to the requested bytes or to the whole pages
 * behind them, worked out by running the suite's own placement check on a
 * case where the two readings differ.
 */
export function boundarySection(): string[] {
  const page = 0x1000n;
  const boundary = 0x800n;
  const size = 0x800n;
  const c = constraintsFromPhysreq({ ...defaultPhysreq(), phys_boundary: boundary }, 'kmem_alloc_physcontig');
  const bytesOnly = checkPlacement(0n, size, [{ phys: 0n, length: size }], c);
  const wholePage = checkPlacement(0n, page, [{ phys: 0n, length: page }], c);
  const verdict = (b: ReturnType<typeof checkPlacement>) => (b.length === 0 ? 'conforms' : `breaks the boundary (${b[0]!.detail})`);
  return [
    '## Boundaries: requested bytes, not the rounded run',
    '',
    `The suite judges the physical bytes behind the requested size, as the allocator's translate() reports them. ` +
      `With phys_boundary ${hex(boundary)} and pages of ${hex(page)} bytes, ${hex(size)} bytes at physical ${hex(0n)} ${verdict(bytesOnly)}, ` +
      `although the page they sit in would span ${hex(boundary)}: the same check of the whole page ${verdict(wholePage)}. ` +
      `A contiguous request larger than the boundary can never fit (${code('physreq.boundary-below-size')}).`,
    '',
  ];
}
