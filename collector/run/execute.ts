import { CollectContext } from '../context.js';
import { openHost } from '../host/open-host.js';
import type { HostReader } from '../host/reader.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { SourceSkipped, type Source } from '../source.js';
import type { Emit } from './messages.js';

export interface ExecuteOptions {
  root: string;
  includeEeprom: boolean;
  includeGpu?: boolean;
  transport?: () => IoctlTransport;
  /** Reads the host instead of the reader `root` names (tests: a fake tree with a fake kernel's ioctls). */
  reader?: HostReader;
}

/** Runs one source to completion in the current thread, reporting everything through emit. */
export async function executeSource(source: Source, opts: ExecuteOptions, emit: Emit): Promise<void> {
  let ctx: CollectContext | undefined;
  try {
    const reader = opts.reader ?? openHost(opts.root, { includeEeprom: opts.includeEeprom, transport: opts.transport });
    ctx = new CollectContext({ sourceName: source.name, reader, includeEeprom: opts.includeEeprom, includeGpu: opts.includeGpu, emit });
    await source.collect(ctx);
    emit({ type: 'done', status: 'ok' });
  } catch (e) {
    if (e instanceof SourceSkipped) emit({ type: 'done', status: 'skipped', reason: e.reason });
    else emit({ type: 'done', status: 'failed', reason: e instanceof Error ? `${e.message}` : String(e) });
  } finally {
    try {
      ctx?.close();
    } catch {
      /* closing a transport must not change the outcome */
    }
  }
}
