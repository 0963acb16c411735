import {
  DMA_ADDRESS_64_BIT,
  DMA_CONTIGUOUS,
  DMA_ENABLE_64,
  DMA_MASTER,
  DMA_MAXMIN_MASK,
  DMA_NO_ZERO_ADDR,
  DMA_SLAVE,
  formatAixFlags,
} from '../../../spec/constants/aix';
import { AIX_ALIGN_MAX, AIX_ALIGN_MIN, aixAlignValid, aixFlagsValid, constraintsFromAix } from '../../../spec/constraints/from-aix';
import { contiguityText, limitText, zeroText } from './constraint-text';
import { code, mdTable } from './markdown';

const FLAGS: ReadonlyArray<number> = [
  DMA_MASTER,
  DMA_SLAVE,
  DMA_NO_ZERO_ADDR,
  DMA_CONTIGUOUS,
  DMA_ADDRESS_64_BIT,
  DMA_ENABLE_64,
  DMA_ADDRESS_64_BIT | DMA_ENABLE_64,
  DMA_MAXMIN_MASK,
  0x1000,
];

const hexFlag = (f: number) => `0x${f.toString(16)}`;

/** d_map_init flags, each computed through constraintsFromAix: what memory from such a handle must be. */
export function aixFlagsSection(): string[] {
  const rows = FLAGS.map((f) => {
    if (!aixFlagsValid(f)) return [code(hexFlag(f)), formatAixFlags(f), `refused: ${code('d_map_init.flags-known')}`, '', ''];
    const c = constraintsFromAix(f, 12);
    return [code(hexFlag(f)), formatAixFlags(f), limitText(c), contiguityText(c), zeroText(c)];
  });
  return [
    '## AIX d_map_init flags',
    '',
    'The flags are ORed into one int. Each row is a handle made with those flags alone:',
    '',
    ...mdTable(['Value', 'Name', 'Address limit', 'Layout', 'Address 0'], rows),
    '',
    `d_alloc_dmamem's align is a base-2 logarithm from ${AIX_ALIGN_MIN} to ${AIX_ALIGN_MAX} (${aixAlignValid(AIX_ALIGN_MAX + 1) ? 'larger accepted' : `${AIX_ALIGN_MAX + 1} or more: ${code('d_alloc_dmamem.align-range')}`}); ` +
      'both the returned address and the physical start are multiples of 2^align.',
    '',
  ];
}
