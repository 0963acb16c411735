/** How a harness tunes one subprocess session. */
export interface ConnectionOptions {
  /** Deadline in ms for each request that must not wait. Default 10 000. */
  readonly timeoutMs?: number;
  /** Deadline for a request that may block (KM_SLEEP). Default: none, since waiting is its right. */
  readonly blockingTimeoutMs?: number;
  /** Deadline for the handshake, which includes the process starting up. Default: timeoutMs, at least 10 000. */
  readonly handshakeTimeoutMs?: number;
  /** How long dispose() lets the process exit by itself before SIGKILL. Default 200 ms. */
  readonly killGraceMs?: number;
  /** Longest reply line accepted, in characters. Default 64 Mi. */
  readonly maxLineLength?: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Sees stderr as it arrives (the tail is kept for error messages either way). */
  readonly onStderr?: (chunk: string) => void;
}

export interface RequestOptions {
  readonly mayBlock?: boolean;
  /** Overrides the deadline the connection would choose. */
  readonly timeoutMs?: number;
}
