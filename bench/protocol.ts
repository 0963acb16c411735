import { performance } from 'node:perf_hooks';
import { createSubprocessImplementation, type SubprocessImplementation } from '../cli/exec';
import { buildCFixture } from '../fixtures/external/c/build';

/**
 * Throughput of the exec protocol against the C fixture: pipelined requests
 * (up to `maxInFlight` at once), so the figure is what the harness, the pipe
 * and the JSON cost, not the allocator.
 */
export interface ProtocolBenchResult {
  /** All operations of both workloads over their total time. */
  readonly opsPerSecond: number;
  readonly operations: number;
  readonly seconds: number;
  readonly maxInFlight: number;
  readonly translateOpsPerSecond: number;
  /** d_alloc_dmamem and d_free_dmamem, each counted as one operation. */
  readonly allocFreeOpsPerSecond: number;
}

export interface ProtocolBenchOptions {
  /** Operations per workload. */
  readonly operations?: number;
  readonly maxInFlight?: number;
}

/** Runs `count` jobs with at most `workers` of them awaiting at once; returns the seconds taken. */
async function pipelined(count: number, workers: number, job: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return (performance.now() - start) / 1000;
}

async function translateWorkload(impl: SubprocessImplementation, operations: number, maxInFlight: number): Promise<number> {
  const handle = await impl.d_map_init!('process', 0, 0, 0, 0);
  const regions = await Promise.all(Array.from({ length: 256 }, () => impl.d_alloc_dmamem!('process', handle, 0x2000n, 12)));
  return pipelined(operations, maxInFlight, (i) => impl.translate(regions[i % regions.length]!, 0x2000n));
}

async function allocFreeWorkload(impl: SubprocessImplementation, operations: number, maxInFlight: number): Promise<number> {
  const handle = await impl.d_map_init!('process', 0, 0, 0, 0);
  return pipelined(operations / 2, maxInFlight, async (i) => {
    const size = BigInt((i % 4) + 1) * 0x1000n;
    const vaddr = await impl.d_alloc_dmamem!('process', handle, size, 12);
    if (vaddr === null) throw new Error('benchProtocol: d_alloc_dmamem ran out of memory');
    const rc = await impl.d_free_dmamem!('process', handle, vaddr, size);
    if (rc !== 0) throw new Error(`benchProtocol: d_free_dmamem returned ${rc}`);
  });
}

export async function benchProtocol(options: ProtocolBenchOptions = {}): Promise<ProtocolBenchResult> {
  const operations = options.operations ?? 50_000;
  const maxInFlight = options.maxInFlight ?? 256;
  const impl = await createSubprocessImplementation(JSON.stringify(buildCFixture('correct')));
  try {
    await impl.setup({ memoryMap: { ranges: [{ base: 0n, length: 1n << 30n, type: 'ram' }] }, pageSize: 4096, ddiVersion: '5' });
    const translateSeconds = await translateWorkload(impl, operations, maxInFlight);
    const allocFreeSeconds = await allocFreeWorkload(impl, operations, maxInFlight);
    const seconds = translateSeconds + allocFreeSeconds;
    return {
      opsPerSecond: Math.round((2 * operations) / seconds),
      operations: 2 * operations,
      seconds,
      maxInFlight,
      translateOpsPerSecond: Math.round(operations / translateSeconds),
      allocFreeOpsPerSecond: Math.round(operations / allocFreeSeconds),
    };
  } finally {
    await impl.dispose();
  }
}

if (require.main === module) {
  benchProtocol().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
