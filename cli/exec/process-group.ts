import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Groups started here and not yet seen to exit. */
const live = new Set<number>();
let exitHookInstalled = false;

/**
 * Starts a command line through the shell as the leader of its own process
 * group: the shell may keep running and start the implementation as its
 * child, and only a signal to the whole group is sure to reach both.
 */
export function spawnInGroup(command: string, cwd: string | undefined, env: NodeJS.ProcessEnv | undefined): ChildProcessWithoutNullStreams {
  const child = spawn(command, { shell: true, detached: true, cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid !== undefined) {
    live.add(pid);
    child.once('exit', () => live.delete(pid));
    installExitHook();
  }
  return child;
}

export function killGroup(child: ChildProcessWithoutNullStreams): void {
  if (child.pid !== undefined) killGroupOf(child.pid);
}

function killGroupOf(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

/**
 * A detached group outlives the harness unless killed. Closing down is
 * bounded in time (an interrupted run must end promptly), so a group whose
 * orderly shutdown is still under way when the harness exits is killed
 * here, synchronously, as the last thing the process does.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live) killGroupOf(pid);
    live.clear();
  });
}
