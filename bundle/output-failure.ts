import { statSync } from 'node:fs';
import { dirname } from 'node:path';

/** What a failure to write an output file means to the user (the disk, the directory), as one line. */
export function outputFailure(output: string, e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return `the disk holding ${dirname(output)} is full (ENOSPC: no space left on device); no bundle was written`;
  if (code === 'EDQUOT') return `disk quota exceeded on ${dirname(output)} (EDQUOT); no bundle was written`;
  if (code === 'ENOENT') {
    // /proc and /sys answer ENOENT to creating a file in a directory that is there.
    const dir = statSync(dirname(output), { throwIfNoEntry: false });
    return dir?.isDirectory() ? `cannot write ${output}: no file can be created in ${dirname(output)} (ENOENT)` : `cannot write ${output}: the directory ${dirname(output)} does not exist`;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot write ${output}: ${dirname(output)} is not writable (${code})`;
  return `writing ${output} failed: ${e.message}`;
}
