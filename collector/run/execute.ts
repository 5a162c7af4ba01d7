import { CollectContext } from '../context.js';
import type { IoctlTransport } from '../ioctl/transport.js';
import { SourceSkipped, type Source } from '../source.js';
import type { Emit } from './messages.js';

export interface ExecuteOptions {
  root: string;
  /** See ContextOptions.replay. */
  replay?: boolean;
  includeEeprom: boolean;
  transport?: () => IoctlTransport;
}

/** Runs one source to completion in the current thread, reporting everything through emit. */
export async function executeSource(source: Source, opts: ExecuteOptions, emit: Emit): Promise<void> {
  const ctx = new CollectContext({ sourceName: source.name, root: opts.root, replay: opts.replay, includeEeprom: opts.includeEeprom, emit, transport: opts.transport });
  try {
    await source.collect(ctx);
    emit({ type: 'done', status: 'ok' });
  } catch (e) {
    if (e instanceof SourceSkipped) emit({ type: 'done', status: 'skipped', reason: e.reason });
    else emit({ type: 'done', status: 'failed', reason: e instanceof Error ? `${e.message}` : String(e) });
  } finally {
    try {
      ctx.close();
    } catch {
      /* closing a transport must not change the outcome */
    }
  }
}
