import { describe, expect, it } from 'vitest';
import { ReferenceKernel } from '../../impl/reference';
import { allProperties } from '../../properties';
import { runProperty } from '../../properties/runner/run-property';
import type { Context } from '../../spec/constants/context';

/** Crashes on the first allocation of its third setup: in the third case, after a handle was made. */
class CrashesInThirdCase extends ReferenceKernel {
  private setups = 0;
  override setup(config: Parameters<ReferenceKernel['setup']>[0]): void {
    this.setups++;
    super.setup(config);
  }
  override d_alloc_dmamem(ctx: Context, handle: number, size: bigint, align: number): bigint | null {
    if (this.setups === 3) throw new Error('boom in d_alloc_dmamem');
    return super.d_alloc_dmamem(ctx, handle, size, align);
  }
}

describe('a crash inside an enumerated property', () => {
  it('shows the case and the calls of its silent run that led to the crash', async () => {
    const p = allProperties().find((x) => x.name === 'aix.wide-each')!;
    const r = await runProperty(p, new CrashesInThirdCase(), { seed: 1 });
    expect(r.status).toBe('BROKEN');
    const trace = r.failure!.trace;
    expect(trace[0]).toMatch(/^case /);
    expect(trace.some((l) => /\] d_map_init\(/.test(l)), trace.join('\n')).toBe(true);
    expect(r.failure!.message).toMatch(/\[\w+\] d_alloc_dmamem\(.*\) threw .*boom in d_alloc_dmamem/);
  });
});
