/**
 * Execution contexts. AIX speaks of two environments (process, interrupt);
 * the SVR5 DDI of five contexts; Linux of three. One union serves both so that a call record
 * carries its context whatever the family.
 */
export type AixEnvironment = 'process' | 'interrupt';
export type Svr5Context = 'user' | 'blockable' | 'non-blockable' | 'initialization' | 'interrupt';
/** Linux: a task that may sleep, a task holding a spinlock (atomic), an interrupt handler. */
export type LinuxContext = 'process' | 'atomic' | 'interrupt';
export type Context = AixEnvironment | Svr5Context | LinuxContext;

export const AIX_ENVIRONMENTS: ReadonlyArray<AixEnvironment> = ['process', 'interrupt'];
export const SVR5_CONTEXTS: ReadonlyArray<Svr5Context> = ['user', 'blockable', 'non-blockable', 'initialization', 'interrupt'];
export const LINUX_CONTEXTS: ReadonlyArray<LinuxContext> = ['process', 'atomic', 'interrupt'];
export const ALL_CONTEXTS: ReadonlyArray<Context> = ['process', 'user', 'blockable', 'non-blockable', 'initialization', 'atomic', 'interrupt'];

/** DDI versions a driver may declare. */
export type DdiVersion = '5' | '5mp' | '6' | '6mp' | '7' | '7mp' | '8' | '8mp';
export const DDI_VERSIONS: ReadonlyArray<DdiVersion> = ['5', '5mp', '6', '6mp', '7', '7mp', '8', '8mp'];

export function ddiMajor(version: DdiVersion): number {
  return Number.parseInt(version, 10);
}
