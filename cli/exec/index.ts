export { ImplementationBroken, ImplementationTimeout } from './errors';
export { PROTOCOL_VERSION, type HelloResult } from './wire';
export { SubprocessImplementation, createSubprocessImplementation, type SubprocessOptions } from './subprocess-implementation';
export { SubprocessRecycler, type StartCost } from './recycler';
