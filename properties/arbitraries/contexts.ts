import fc from 'fast-check';
import { AIX_ENVIRONMENTS, SVR5_CONTEXTS, type Context } from '../../spec/constants/context';

export const aixEnvironmentArb: fc.Arbitrary<Context> = fc.constantFrom(...AIX_ENVIRONMENTS);
export const svr5ContextArb: fc.Arbitrary<Context> = fc.constantFrom(...SVR5_CONTEXTS);
