import type { SetupConfig } from '../../spec/interface/implementation';
import type { PlacementCore } from '../contract';
import { ServiceLayer } from '../services/layer';

/**
 * A user's placement core behind the service layer (core/services), the
 * same layer the reference runs behind. It has one heap, so it makes no
 * real_heap claim (heapOf is absent and that rule is not judged).
 */
export class CoreShell extends ServiceLayer {
  readonly name: string;

  constructor(readonly core: PlacementCore) {
    super({});
    this.name = `core ${core.name}`;
  }

  /** The one core object, started afresh by every setup. */
  protected createEngine(_config: SetupConfig): PlacementCore {
    return this.core;
  }

  override dispose(): void {
    this.core.dispose?.();
    super.dispose();
  }
}

export function createCoreShell(core: PlacementCore): CoreShell {
  return new CoreShell(core);
}
