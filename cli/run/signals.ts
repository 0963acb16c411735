/**
 * While a run holds subprocesses, Ctrl-C (or a CI runner's SIGTERM) must not
 * leave them behind: they run in their own process groups, which a terminal's
 * SIGINT does not reach. Returns the function that restores the defaults.
 */
export function closeOnSignals(close: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    void close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
