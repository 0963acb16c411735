import { C_MEMBER } from '../../bench/soak-zoo';
import { describeZoo } from './describe-zoo';

// Each property starts a process, so CI runs five seeds of the C member; bench/soak-zoo.ts runs it longer.
describeZoo('a C allocator through --exec (split placement, fixtures/external/c/extents-split.c)', [C_MEMBER], [1, 2, 3, 4, 5], 300_000);
