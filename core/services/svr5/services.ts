import { hex } from '../../../spec/address/u64';
import type { Context, DdiVersion } from '../../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../../spec/constants/svr5';
import { classifyRequest } from '../../../spec/constraints/classify';
import { constraintsFromPhysreq, physreqProblem, type PhysreqService } from '../../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../../spec/constraints/types';
import type { PhysAllocation, ServiceName } from '../../../spec/interface/implementation';
import { mayBlock } from '../../../spec/rules/context-rules';
import { checkContext, checkVersion, violation } from '../../../spec/rules/guards';
import type { Allocation } from '../kernel/allocation';
import type { DmaKernel } from '../kernel/kernel';
import { parkedAs } from '../kernel/sleep-queue';
import { checkFieldTypes } from './fields';
import { PhysreqTable, sameFields, type PhysreqRecord } from './physreq-table';

/** One allocation request as the SVR5 services receive it. */
export interface AllocationCall {
  readonly service: PhysreqService;
  readonly ctx: Context;
  readonly size: bigint;
  readonly preq: number;
  readonly flag: number;
}

/**
 * physreqs and the SVR5 allocation services over the kernel; the driver's
 * DDI version decides which exist. A KM_SLEEP request the core cannot meet
 * waits, and is retried after every release.
 */
export class Svr5Services {
  readonly physreqs = new PhysreqTable();

  constructor(
    protected readonly kernel: DmaKernel,
    protected readonly ddi: DdiVersion,
  ) {}

  physreq_alloc(ctx: Context, flag: number): number {
    this.checkFlag('physreq_alloc', flag);
    checkContext('physreq_alloc', ctx, flag);
    return this.physreqs.alloc().id;
  }

  physreq_set(_ctx: Context, preq: number, fields: Partial<PhysreqFields>): void {
    const r = this.record('physreq_set', preq);
    checkFieldTypes(fields);
    r.fields = { ...r.fields, ...fields };
  }

  /** Refuses fields the documents rule out, and a boundary when the core has declared it cannot honour one. */
  physreq_prep(ctx: Context, preq: number, flag: number): boolean {
    this.checkFlag('physreq_prep', flag);
    checkContext('physreq_prep', ctx, flag);
    const r = this.record('physreq_prep', preq);
    const unsupported = this.kernel.engine.supports?.boundary === false && r.fields.phys_boundary !== 0n;
    const refused = physreqProblem(r.fields) !== null || unsupported;
    r.prepped = refused ? null : { ...r.fields };
    r.refused = refused;
    return !refused;
  }

  physreq_free(_ctx: Context, preq: number): void {
    this.record('physreq_free', preq);
    this.physreqs.free(preq);
  }

  kmem_alloc_physcontig(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate({ service: 'kmem_alloc_physcontig', ctx, size, preq, flag }, (a) => a.vaddr);
  }

  kmem_alloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate({ service: 'kmem_alloc_physreq', ctx, size, preq, flag }, (a) => a.vaddr);
  }

  kmem_zalloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate({ service: 'kmem_zalloc_physreq', ctx, size, preq, flag }, (a) => a.vaddr);
  }

  kmem_alloc_phys(ctx: Context, size: bigint, preq: number, flags: number): PhysAllocation | null | Promise<PhysAllocation> {
    return this.allocate({ service: 'kmem_alloc_phys', ctx, size, preq, flag: flags }, (a) => ({
      vaddr: a.vaddr,
      paddr: a.segments[0]!.phys,
    }));
  }

  kmem_free_physcontig(_ctx: Context, addr: bigint, size: bigint): void {
    this.checkVersion('kmem_free_physcontig');
    const a = this.live('kmem_free_physcontig', addr, 'kmem_free_physcontig.exact-match');
    if (a.service !== 'kmem_alloc_physcontig') violation('kmem_free_physcontig', 'kmem_free_physcontig.pairing', `${hex(addr)} was allocated by ${a.service}`);
    this.release('kmem_free_physcontig', a, size, 'kmem_free_physcontig.exact-match');
  }

  kmem_free(_ctx: Context, addr: bigint, size: bigint): void {
    const a = this.live('kmem_free', addr, 'kmem_free.exact-match');
    if (a.service === 'kmem_alloc_physcontig') violation('kmem_free', 'kmem_free_physcontig.pairing', `${hex(addr)} was allocated by ${a.service}`);
    if (a.service === 'd_alloc_dmamem') violation('kmem_free', 'd_free_dmamem.pairing', `${hex(addr)} was allocated by ${a.service}`);
    if (a.service === 'dma_alloc_coherent' || a.service === 'dma_pool_create') violation('kmem_free', 'kmem_free.exact-match', `${hex(addr)} is Linux coherent memory`);
    this.release('kmem_free', a, size, 'kmem_free.exact-match');
  }

  protected allocate<T>(call: AllocationCall, result: (a: Allocation) => T): T | null | Promise<T> {
    const { service, ctx, size, preq, flag } = call;
    this.checkVersion(service);
    this.checkFlag(service, flag);
    checkContext(service, ctx, flag);
    const fields = this.usable(service, preq);
    if (service === 'kmem_alloc_phys' && fields.phys_dmasize === 0) {
      violation(service, 'kmem_alloc_phys.dmasize-nonzero', 'the physreq gives no phys_dmasize');
    }
    const c = constraintsFromPhysreq(fields, service);
    if (size === 0n && service !== 'kmem_alloc_physcontig') return null;
    const verdict = classifyRequest(size, c, 'kmem_alloc_physcontig.size-nonzero');
    if (verdict.kind === 'invalid') violation(service, verdict.clause, verdict.reason);
    const attempt = () => this.kernel.tryAllocate({ size, constraints: c, service, zero: service === 'kmem_zalloc_physreq' });
    const a = attempt();
    if (a !== null) return result(a);
    if (!mayBlock(service, flag)) return null;
    return parkedAs(this.kernel.sleepers.wait(attempt).then(result));
  }

  /** The prepped fields of a physreq an allocation may use; reports every way it may not. */
  protected usable(service: ServiceName, preq: number): PhysreqFields {
    const r = this.record(service, preq);
    if (r.prepped === null) {
      const clause = r.refused ? 'physreq_prep.rejects-unsupportable' : service === 'kmem_alloc_physcontig' ? 'kmem_alloc_physcontig.physreq-prepped' : 'physreq_prep.before-use';
      violation(service, clause, `physreq ${preq} ${r.refused ? 'was refused by physreq_prep' : 'was never prepped'}`);
    }
    if (!sameFields(r.fields, r.prepped)) violation(service, 'physreq_prep.no-change-after-prep', `physreq ${preq} changed after physreq_prep`);
    return r.prepped;
  }

  protected record(service: ServiceName, preq: number): PhysreqRecord {
    const r = this.physreqs.get(preq);
    if (r === undefined) violation(service, 'physreq.from-physreq_alloc', `physreq ${preq} did not come from physreq_alloc or was freed`);
    return r;
  }

  protected checkVersion(service: ServiceName): void {
    checkVersion(service, this.ddi);
  }

  protected checkFlag(service: ServiceName, flag: number): void {
    const ok = service === 'kmem_alloc_phys' ? flag === 0 || flag === KM_FAIL_OK : flag === KM_SLEEP || flag === KM_NOSLEEP;
    if (!ok) violation(service, 'svr5.km-flag-values', `flag ${flag} is not one the service takes`);
  }

  protected live(service: ServiceName, addr: bigint, clause: string): Allocation {
    const a = this.kernel.table.get(addr);
    if (a === undefined) violation(service, clause, `${hex(addr)} is not a live allocation (never allocated, or already freed)`);
    return a;
  }

  protected release(service: ServiceName, a: Allocation, size: bigint, clause: string): void {
    if (a.size !== size) violation(service, clause, `${hex(a.vaddr)} has size ${hex(a.size)}, not ${hex(size)}`);
    this.kernel.release(a);
  }
}
