/** Entry point of a collector worker process: runs one source and streams its artifacts to the parent. */
import { loadSource } from '../sources/index.js';
import { executeSource } from './execute.js';
import type { WorkerMessage, WorkerStart } from './messages.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { KoffiTransport } from '../ioctl/koffi-transport.js';
import { dieWithParent } from './parent-death.js';

dieWithParent(Number(process.argv[2]));
process.once('disconnect', () => process.exit(1));

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(m, undefined, {}, () => resolve()));
}

process.once('message', async (start: WorkerStart) => {
  let last: Promise<void> = Promise.resolve();
  const emit = (m: WorkerMessage): void => {
    last = send(m);
  };
  try {
    const source = await loadSource(start.source, start.modulePath);
    const transport = (): IoctlTransport => new KoffiTransport();
    await executeSource(source, { root: start.root, includeEeprom: start.includeEeprom, transport }, emit);
  } catch (e) {
    emit({ type: 'done', status: 'failed', reason: e instanceof Error ? e.message : String(e) });
  }
  await last;
  process.exit(0);
});
