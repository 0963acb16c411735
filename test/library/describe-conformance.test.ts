// What a user's own vitest file looks like: one call, one test per property.
import { createReference } from '../../impl/reference';
import { describeConformance } from '../../properties/library/vitest';

describeConformance('reference kernel through the library entry', () => createReference(), { budget: 0.3, seed: 3 });
