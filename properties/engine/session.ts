import { U64_MAX, hex } from '../../spec/address/u64';
import type { Context, DdiVersion } from '../../spec/constants/context';
import { classifyRequest } from '../../spec/constraints/classify';
import type { DmaConstraints, PhysSegment } from '../../spec/constraints/types';
import { checkPlacement } from '../../spec/predicates/check';
import { RamRanges } from '../../spec/predicates/ram-ranges';
import type { GeneratedMap } from '../arbitraries/memory-maps';
import type { Driver } from '../harness/driver';
import { ClauseFailure, ImplementationCrash, describeThrown, fail } from '../harness/failures';
import { formatValue } from '../harness/format';
import type { Outcome } from '../harness/outcome';
import { FreeModel, type FreeStretch } from '../oracle/free-model';
import { patternProbes, sameBytes } from '../oracle/pattern';
import { readSeveral, segmentsOf, writeDisjoint } from '../families/observe';
import type { FamilyAdapter } from '../families/types';
import { LiveSet, type Live } from './live-set';
import { regionOf } from './region-of';

/** What a request came to, once judged. */
export type Allocated = { kind: 'memory'; live: Live } | { kind: 'null' } | { kind: 'refused'; clause: string } | { kind: 'waiting'; later: Outcome<bigint | null> & { kind: 'pending' } };

/**
 * One run against one family: boots the allocator on a map, makes requests
 * and judges every answer against the oracle (placement, RAM, overlap,
 * contents). Every property is built from these steps.
 */
export class Session<S> {
  readonly live = new LiveSet();
  readonly pageBytes: bigint;
  /** The generated shapes, then the family's probe shape. */
  readonly shapes: ReadonlyArray<S>;
  readonly probeIndex: number;
  /** The map's layout, byte-exact. */
  readonly ram: RamRanges;
  private readonly tokens = new Map<number, number | null>();
  private nextId = 1;
  /** Whether a fresh allocation gets its pattern written (see unfilled). */
  private filling = true;

  constructor(
    readonly d: Driver,
    readonly fam: FamilyAdapter<S>,
    readonly gen: GeneratedMap,
    shapes: ReadonlyArray<S> = [],
  ) {
    this.shapes = [...shapes, fam.probeShape];
    this.probeIndex = shapes.length;
    this.pageBytes = BigInt(gen.pageSize);
    const spans = gen.map.ranges.map((r) => ({ base: r.base, end: r.base + r.length, type: r.type }));
    this.ram = new RamRanges(spans.sort((a, b) => (a.base < b.base ? -1 : 1)));
  }

  async boot(ddiVersion: DdiVersion = this.fam.ddiVersion, seed = this.d.setupSeed): Promise<void> {
    const config = { memoryMap: this.gen.map, pageSize: this.gen.pageSize, ddiVersion, seed };
    this.d.trace.add(`setup(${this.gen.map.ranges.map((r) => `${r.type} ${hex(r.base)}+${hex(r.length)}`).join(', ')}; page ${this.gen.pageSize}; DDI ${ddiVersion}; seed ${seed})`);
    const r = await this.d.observe('setup', () => this.d.impl.setup(config));
    if (!r.ok) throw new ImplementationCrash('setup', r.error);
  }

  /** The handle or physreq for shape i, made on first use. */
  async token(i: number): Promise<number | null> {
    if (!this.tokens.has(i)) this.tokens.set(i, await this.fam.prepare(this.d, this.shapes[i]!, (size, c) => this.roomFor(size, c)));
    return this.tokens.get(i)!;
  }

  /** Room for `size` bytes under `c` in the suite's own picture of free memory: the map less every live allocation, read generously (properties/oracle/free-model). */
  roomFor(size: bigint, c: DmaConstraints): FreeStretch | undefined {
    const model = new FreeModel(this.gen.map, this.pageBytes);
    for (const l of this.live.items) model.take(l.segments);
    return model.roomFor(size, c);
  }

  /**
   * Runs `measure` with fresh allocations judged as ever (placement, RAM,
   * virtual and physical overlap, the family's checks) but not filled with
   * their pattern: for a sweep (capacity, taking all free memory) whose
   * allocations are all released before anything reads them back. Writing
   * them would check nothing and cost a round trip each through --exec.
   */
  async unfilled<T>(measure: () => Promise<T>): Promise<T> {
    const was = this.filling;
    this.filling = false;
    try {
      return await measure();
    } finally {
      this.filling = was;
    }
  }

  /** Makes a request and judges the answer; memory is checked, recorded and filled with a pattern. */
  async allocate(shapeIndex: number, asked: bigint, wait = false): Promise<Allocated> {
    const token = await this.token(shapeIndex);
    if (token === null) return { kind: 'null' };
    const shape = this.shapes[shapeIndex]!;
    const size = this.fam.blockSize?.(shape) ?? asked;
    const o = await this.fam.allocate(this.d, token, shape, size, wait);
    if (o.kind === 'pending') {
      if (!wait && this.fam.waiting) fail(this.fam.waiting.nosleep, `a non-blocking ${this.fam.allocService} of ${hex(size)} bytes is still waiting`);
      return { kind: 'waiting', later: o };
    }
    return this.judge(o, token, shapeIndex, size);
  }

  /** Judges a settled answer to a request made with `token`. */
  async judge(o: Outcome<bigint | null>, token: number, shapeIndex: number, size: bigint): Promise<Allocated> {
    const shape = this.shapes[shapeIndex]!;
    const c = this.fam.constraints(shape, size, this.pageBytes);
    const verdict = classifyRequest(size, c, this.fam.clauseOf('length'));
    if (o.kind === 'violation') {
      if (verdict.kind === 'invalid') return { kind: 'refused', clause: o.clause };
      // The implementation's own reason (in core mode, the shell's finding about the core's answer) goes with the verdict.
      const tag = ` [${o.clause}]`;
      const said = (o.message.endsWith(tag) ? o.message.slice(0, -tag.length) : o.message).trim();
      fail(o.clause, `${this.fam.allocService} of ${hex(size)} bytes (${this.fam.describe(shape)}) is valid, yet was reported as violating ${o.clause}${said === '' ? '' : `: ${said}`}`);
    }
    if (o.kind !== 'value') throw new Error('Session.judge: a waiting answer cannot be judged');
    // NULL for a request the documents rule out is a refusal, whatever the flag: no caller sleeps on it.
    if (o.value === null) return verdict.kind === 'invalid' ? { kind: 'refused', clause: verdict.clause } : { kind: 'null' };
    if (typeof o.value !== 'bigint') fail(this.fam.clauseOf('length'), `${this.fam.allocService} returned ${formatValue(o.value)}, not an address or NULL`);
    // No allocation of `size` bytes can start where they would run past 2^64-1: the answer is a failure that is not NULL.
    if (o.value + size > U64_MAX + 1n) {
      fail(this.fam.failureClause ?? this.fam.clauseOf('length'), `${this.fam.allocService} of ${hex(size)} bytes returned ${hex(o.value)}, where no ${hex(size)} bytes fit below 2^64: not memory, and not NULL`);
    }
    // 2^64 - 1 alone is not (void *)-1: an allocator mapping at the very top of the space may hand out its last byte. Whether it is memory is told by translation (segmentsOfAnswer).
    if (verdict.kind === 'invalid') fail(verdict.clause, `${this.fam.allocService} returned memory for an invalid request: ${verdict.reason}`);
    return { kind: 'memory', live: await this.accept(o.value, size, token, shapeIndex) };
  }

  private async accept(vaddr: bigint, size: bigint, token: number, shapeIndex: number): Promise<Live> {
    const shape = this.shapes[shapeIndex]!;
    const segments = await this.segmentsOfAnswer(vaddr, size);
    const constraints = this.fam.constraints(shape, size, this.pageBytes);
    // Built only on failure: copying the live list on every allocation would cost the busy properties.
    const region = () => regionOf({ vaddr, size, segments }, this.live.items, constraints);
    const breach = checkPlacement(vaddr, size, segments, constraints)[0];
    if (breach !== undefined) fail(this.fam.clauseOf(breach.kind), `${hex(vaddr)}+${hex(size)} (${this.fam.describe(shape)}): ${breach.detail}`, region());
    for (const s of segments) {
      if (!this.ram.isRam(s.phys, s.length)) fail('dma.within-ram', `${hex(s.phys)}+${hex(s.length)} behind ${hex(vaddr)} is not RAM of the memory map`, region());
    }
    // Checked and recorded with no await between, so concurrent callers see each other's memory.
    this.live.checkDisjoint(vaddr, size, segments, region);
    const id = this.nextId++;
    const l: Live = { id, token, shapeIndex, vaddr, size, segments, probes: patternProbes(id, size, this.pageBytes), written: false };
    this.live.add(l);
    if (this.fam.inspect) await this.fam.inspect(this.d, token, vaddr, size, shape);
    if (!this.filling) return l;
    // Probes never overlap (patternProbes), and there are at most four.
    await writeDisjoint(this.d, l.probes.map((p) => ({ vaddr: vaddr + p.offset, bytes: p.bytes })), 'dma.data-integrity');
    l.written = true;
    return l;
  }

  /**
   * The segments behind an answer. Bytes that do not all translate break the
   * size clause when the answer is memory that is too short; when not even
   * its first byte translates, the answer is no memory at all, a failure
   * that is not NULL, and breaks the family's failure clause.
   */
  private async segmentsOfAnswer(vaddr: bigint, size: bigint): Promise<PhysSegment[]> {
    try {
      return await segmentsOf(this.d, vaddr, size, this.fam.clauseOf('length'));
    } catch (e) {
      const failure = this.fam.failureClause;
      if (!(e instanceof ClauseFailure) || failure === undefined) throw e;
      // Asked only once the whole answer failed to translate, so an answer that is memory costs nothing more.
      const first = await this.d.observe('translate', () => this.d.impl.translate(vaddr, 1n));
      const mapped = first.ok && Array.isArray(first.value) && first.value.some((seg: { length?: unknown } | undefined) => typeof seg?.length === 'bigint' && seg.length > 0n);
      // A first byte that translates to something, or to something malformed, leaves the size clause's verdict standing.
      if (mapped || (first.ok && !Array.isArray(first.value))) throw e;
      const why = first.ok ? 'no segment' : describeThrown(first.error);
      fail(failure, `${this.fam.allocService} of ${hex(size)} bytes returned ${hex(vaddr)}, whose first byte is not mapped (translate(${hex(vaddr)}, 0x1): ${why}): not memory, and not NULL`);
    }
  }

  /** Every live allocation still holds what was written into it. */
  async verifyContents(clause = 'dma.data-integrity'): Promise<void> {
    for (const l of this.live.items.slice()) {
      if (!l.written || !this.live.items.includes(l)) continue;
      const got = await readSeveral(this.d, l.probes.map((p) => ({ vaddr: l.vaddr + p.offset, length: p.bytes.length })), clause);
      l.probes.forEach((p, i) => {
        if (!sameBytes(got[i]!, p.bytes)) fail(clause, `bytes at ${hex(l.vaddr + p.offset)} of allocation #${l.id} changed`);
      });
    }
  }

  /** Releases a live allocation the proper way (from `ctx`, by default the family's own); refusing it breaks `clause`. */
  async release(l: Live, clause = 'dma.release-restores', ctx?: Context): Promise<void> {
    // The memory is the allocator's again from the moment the release begins: it may hand it to a
    // sleeper inside the call, and that sleeper's answer, judged before this call returns, must not
    // be checked against it (how soon it is judged depends on timing, so the verdict would too).
    this.live.remove(l);
    const r = await this.fam.release(this.d, l.token, l.vaddr, l.size, ctx);
    if (r.kind === 'odd' && this.fam.family === 'aix') fail('d_free_dmamem.returns', `releasing live allocation #${l.id}: ${r.how}`);
    if (r.kind !== 'released') fail(clause, `releasing live allocation #${l.id} (${hex(l.vaddr)}, ${hex(l.size)}) failed: ${r.how}`);
  }

  async releaseAll(clause?: string): Promise<void> {
    while (this.live.size > 0) await this.release(this.live.items[this.live.size - 1]!, clause);
  }
}
