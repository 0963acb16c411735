import { describe, expect, it } from 'vitest';
import { zooMember } from '../../fixtures/correct/members';
import { propertySeed } from '../../properties/runner/property-seed';
import { RESERVE_ON_WAKE_PROPERTIES, verdicts } from './verdicts';

/** test:deep's seeds of false-alarms.test.ts case 16, which npm test runs on seed 1. */
describe('false alarms that correct allocators met, more seeds', () => {
  it('16. a release may hand a woken sleeper its memory at once and complete its call later, on seeds 2 and 3', async () => {
    for (const name of RESERVE_ON_WAKE_PROPERTIES) {
      expect(await verdicts(name, zooMember('reserve-on-wake').create, [2, 3].map((seed) => propertySeed(seed, name)))).toEqual([]);
    }
  }, 180_000);
});
