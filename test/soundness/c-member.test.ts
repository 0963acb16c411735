import { C_MEMBER } from '../../bench/soak-zoo';
import { describeZoo } from './describe-zoo';

// Each property starts a process, so a seed takes 10-35 s here; a longer limit per seed than in-process members.
describeZoo('a C allocator through --exec (split placement, fixtures/external/c/extents-split.c)', [C_MEMBER], 300_000);
