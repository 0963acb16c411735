export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit status for a run ended by a signal: 128 + its number, as a shell reports it. */
export const SIGNAL_EXIT: Readonly<Record<StopSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export interface Interruption {
  readonly signal: StopSignal;
  /** The property that was running, if one was. */
  readonly property: string | null;
}

export interface SignalWatch {
  /** Settles with the first SIGINT or SIGTERM. */
  readonly received: Promise<StopSignal>;
  readonly stop: () => void;
}

/**
 * Catches SIGINT and SIGTERM for the length of a run so that it can end
 * with a report instead of vanishing. A second signal while the first is
 * being handled ends the process at once.
 */
export function watchSignals(): SignalWatch {
  let settle: (s: StopSignal) => void = () => undefined;
  let seen: StopSignal | null = null;
  const received = new Promise<StopSignal>((resolve) => (settle = resolve));
  const handler = (signal: StopSignal) => {
    if (seen !== null) process.exit(SIGNAL_EXIT[signal]);
    seen = signal;
    settle(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    received,
    stop: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
