import { hex } from '../../spec/address/u64';
import type { Context, DdiVersion } from '../../spec/constants/context';
import { KM_FAIL_OK, KM_NOSLEEP, KM_SLEEP } from '../../spec/constants/svr5';
import { classifyRequest } from '../../spec/constraints/classify';
import { constraintsFromPhysreq, physreqProblem, type PhysreqService } from '../../spec/constraints/from-physreq';
import type { PhysreqFields } from '../../spec/constraints/types';
import type { PhysAllocation, ServiceName } from '../../spec/interface/implementation';
import { mayBlock } from '../../spec/rules/context-rules';
import type { CoreLimits } from '../contract';
import { checkContext, checkVersion, violation } from '../../spec/rules/guards';
import type { Mapping } from './mappings';
import { PhysreqTable, checkFieldTypes, sameFields, type PhysreqRecord } from './physreqs';
import type { Placer } from './placer';

/**
 * physreqs and the SVR5 allocation services around the core; the driver's
 * DDI version decides which exist. A KM_SLEEP request the core cannot meet
 * waits, and is retried after every release.
 */
export class Svr5Shell {
  private readonly physreqs = new PhysreqTable();

  constructor(
    private readonly placer: Placer,
    private readonly ddi: DdiVersion,
    private readonly supports: CoreLimits,
  ) {}

  physreq_alloc(ctx: Context, flag: number): number {
    this.checkFlag('physreq_alloc', flag);
    checkContext('physreq_alloc', ctx, flag);
    return this.physreqs.alloc();
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
    const unsupported = this.supports.boundary === false && r.fields.phys_boundary !== 0n;
    r.refused = physreqProblem(r.fields) !== null || unsupported;
    r.prepped = r.refused ? null : { ...r.fields };
    return !r.refused;
  }

  physreq_free(_ctx: Context, preq: number): void {
    this.record('physreq_free', preq);
    this.physreqs.free(preq);
  }

  kmem_alloc_physcontig(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate('kmem_alloc_physcontig', ctx, size, preq, flag, (m) => m.vaddr);
  }

  kmem_alloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate('kmem_alloc_physreq', ctx, size, preq, flag, (m) => m.vaddr);
  }

  kmem_zalloc_physreq(ctx: Context, size: bigint, preq: number, flag: number): bigint | null | Promise<bigint> {
    return this.allocate('kmem_zalloc_physreq', ctx, size, preq, flag, (m) => m.vaddr);
  }

  kmem_alloc_phys(ctx: Context, size: bigint, preq: number, flags: number): PhysAllocation | null | Promise<PhysAllocation> {
    return this.allocate('kmem_alloc_phys', ctx, size, preq, flags, (m) => ({ vaddr: m.vaddr, paddr: m.phys }));
  }

  kmem_free_physcontig(_ctx: Context, addr: bigint, size: bigint): void {
    checkVersion('kmem_free_physcontig', this.ddi);
    const m = this.live('kmem_free_physcontig', addr, 'kmem_free_physcontig.exact-match');
    if (m.owner !== 'kmem_alloc_physcontig') violation('kmem_free_physcontig', 'kmem_free_physcontig.pairing', `${hex(addr)} was allocated by ${m.owner}`);
    this.release('kmem_free_physcontig', m, size, 'kmem_free_physcontig.exact-match');
  }

  kmem_free(_ctx: Context, addr: bigint, size: bigint): void {
    const m = this.live('kmem_free', addr, 'kmem_free.exact-match');
    if (m.owner === 'kmem_alloc_physcontig') violation('kmem_free', 'kmem_free_physcontig.pairing', `${hex(addr)} was allocated by ${m.owner}`);
    if (m.owner === 'd_alloc_dmamem') violation('kmem_free', 'd_free_dmamem.pairing', `${hex(addr)} was allocated by ${m.owner}`);
    this.release('kmem_free', m, size, 'kmem_free.exact-match');
  }

  private allocate<T>(service: PhysreqService, ctx: Context, size: bigint, preq: number, flag: number, result: (m: Mapping) => T): T | null | Promise<T> {
    checkVersion(service, this.ddi);
    this.checkFlag(service, flag);
    checkContext(service, ctx, flag);
    const fields = this.usable(service, preq);
    if (service === 'kmem_alloc_phys' && fields.phys_dmasize === 0) violation(service, 'kmem_alloc_phys.dmasize-nonzero', 'the physreq gives no phys_dmasize');
    const c = constraintsFromPhysreq(fields, service);
    if (size === 0n && service !== 'kmem_alloc_physcontig') return null;
    const verdict = classifyRequest(size, c, 'kmem_alloc_physcontig.size-nonzero');
    if (verdict.kind === 'invalid') violation(service, verdict.clause, verdict.reason);
    const done = (m: Mapping): T => {
      if (service === 'kmem_zalloc_physreq') this.placer.zero(m);
      return result(m);
    };
    const m = this.placer.tryPlace(size, c, service);
    if (m !== null) return done(m);
    if (!mayBlock(service, flag)) return null;
    return this.placer.placeLater(size, c, service).then(done);
  }

  private usable(service: ServiceName, preq: number): PhysreqFields {
    const r = this.record(service, preq);
    if (r.prepped === null) {
      const clause = r.refused ? 'physreq_prep.rejects-unsupportable' : service === 'kmem_alloc_physcontig' ? 'kmem_alloc_physcontig.physreq-prepped' : 'physreq_prep.before-use';
      violation(service, clause, `physreq ${preq} ${r.refused ? 'was refused by physreq_prep' : 'was never prepped'}`);
    }
    if (!sameFields(r.fields, r.prepped)) violation(service, 'physreq_prep.no-change-after-prep', `physreq ${preq} changed after physreq_prep`);
    return r.prepped;
  }

  private record(service: ServiceName, preq: number): PhysreqRecord {
    const r = this.physreqs.get(preq);
    if (r === undefined) violation(service, 'physreq.from-physreq_alloc', `physreq ${preq} did not come from physreq_alloc or was freed`);
    return r;
  }

  private checkFlag(service: ServiceName, flag: number): void {
    const ok = service === 'kmem_alloc_phys' ? flag === 0 || flag === KM_FAIL_OK : flag === KM_SLEEP || flag === KM_NOSLEEP;
    if (!ok) violation(service, 'svr5.km-flag-values', `flag ${flag} is not one the service takes`);
  }

  private live(service: ServiceName, addr: bigint, clause: string): Mapping {
    const m = this.placer.mappings.at(addr);
    if (m === undefined) violation(service, clause, `${hex(addr)} is not a live allocation (never allocated, or already freed)`);
    return m;
  }

  private release(service: ServiceName, m: Mapping, size: bigint, clause: string): void {
    if (m.size !== size) violation(service, clause, `${hex(m.vaddr)} has size ${hex(m.size)}, not ${hex(size)}`);
    this.placer.release(m);
  }
}
