import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Starts a command line through the shell as the leader of its own process
 * group: the shell may keep running and start the implementation as its
 * child, and only a signal to the whole group is sure to reach both.
 */
export function spawnInGroup(command: string, cwd: string | undefined, env: NodeJS.ProcessEnv | undefined): ChildProcessWithoutNullStreams {
  return spawn(command, { shell: true, detached: true, cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function killGroup(child: ChildProcessWithoutNullStreams): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}
