import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function gone(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('implementation process groups', () => {
  it('a group still running when the harness exits is killed with it, whatever closing down had time for', () => {
    // The harness starts a group whose member ignores stdin's end, then exits without disposing of it.
    const script = `
      const { spawnInGroup } = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'exec', 'process-group.js'))});
      const child = spawnInGroup(${JSON.stringify(`${JSON.stringify(process.execPath)} -e "setInterval(() => 0, 1000)"`)}, undefined, undefined);
      console.log(child.pid);
      setTimeout(() => process.exit(0), 300);
    `;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    const pid = Number(r.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const alive = !gone(pid);
    if (alive) process.kill(-pid, 'SIGKILL');
    expect(alive).toBe(false);
  });
});
