import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningSwtpm {
  /** The control socket QEMU's `-tpmdev emulator` connects to. */
  socket: string;
  /** Kills swtpm (if it is still there) and removes its private state directory. */
  stop(): void;
}

/**
 * Starts Debian's swtpm as a TPM 2.0 in a fresh private state directory under `parent`, for one guest. It ends
 * itself when QEMU closes the control connection (--terminate); stop() also kills it, and so does this process's exit.
 */
export async function startSwtpm(swtpm: string, parent: string, waitMs = 10_000): Promise<RunningSwtpm> {
  const dir = mkdtempSync(join(parent, 'swtpm-'));
  const socket = join(dir, 'ctrl.sock');
  const child: ChildProcess = spawn(swtpm, ['socket', '--tpm2', '--tpmstate', `dir=${dir}`, '--ctrl', `type=unixio,path=${socket}`, '--terminate'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => void (stderr = (stderr + c.toString('utf8')).slice(-2000)));
  const kill = (): void => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  process.once('exit', kill);
  const stop = (): void => {
    kill();
    process.removeListener('exit', kill);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + waitMs;
  while (!existsSync(socket)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`swtpm did not open its control socket within ${waitMs / 1000} s (exit ${child.exitCode}): ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { socket, stop };
}
