import { benchProtocol } from '../protocol';
import type { BenchSection } from './section';

export const protocolSection: BenchSection = {
  title: 'Exec protocol throughput (C fixture, pipelined)',
  run: async () => {
    const r = await benchProtocol();
    console.log('workload          ops/s');
    console.log(`translate    ${r.translateOpsPerSecond.toFixed(0).padStart(10)}`);
    console.log(`alloc/free   ${r.allocFreeOpsPerSecond.toFixed(0).padStart(10)}`);
    console.log(`overall      ${r.opsPerSecond.toFixed(0).padStart(10)}  (${r.operations} operations, up to ${r.maxInFlight} in flight)`);
    return [{ aim: 'at least 50,000 protocol operations per second', met: r.opsPerSecond >= 50_000, figure: `${r.opsPerSecond.toFixed(0)} ops/s` }];
  },
};
