import type { Source, SourceContext } from '../../source.js';
import {
  CXL_DENIED, CXL_DEVICES, CXL_LIST_ARGV, FW_UPLOAD_ATTRIBUTES, MEMDEV_ATTRIBUTES, PARTITION_ATTRIBUTES, SECURITY_ATTRIBUTES,
} from './attributes.js';
import { collectMailbox } from './mailbox.js';

const MEMDEV = /^mem\d+$/;

function attributes(ctx: SourceContext, dir: string, wanted: readonly string[]): void {
  const present = new Set(ctx.listDir(dir) ?? []);
  const denied: readonly string[] = CXL_DENIED;
  const names = wanted.filter((n) => present.has(n) && !denied.includes(n));
  if (names.length) ctx.collectAttributes(dir, names);
}

function collectMemdev(ctx: SourceContext, name: string): void {
  const dir = `${CXL_DEVICES}/${name}`;
  ctx.device('cxl', name);
  ctx.collectLink(dir, { directory: true });
  attributes(ctx, dir, MEMDEV_ATTRIBUTES);
  for (const part of ['ram', 'pmem'] as const) if (ctx.isDir(`${dir}/${part}`)) attributes(ctx, `${dir}/${part}`, PARTITION_ATTRIBUTES);
  if (ctx.isDir(`${dir}/security`)) attributes(ctx, `${dir}/security`, SECURITY_ATTRIBUTES);
  const upload = `${dir}/firmware/${name}`;
  if (ctx.isDir(upload)) attributes(ctx, upload, FW_UPLOAD_ATTRIBUTES);
  collectMailbox(ctx, name);
}

/** A captured tree's `cxl list` JSON (sos saves `cxl list -vvv`), stored as the query the live collector runs. */
function replaySavedList(ctx: SourceContext): boolean {
  const saved = ctx.savedOutputs('cxl').find((n) => /"memdev"\s*:/.test(ctx.peekText(`/${n}`) ?? ''));
  return saved !== undefined && ctx.runCommand([...CXL_LIST_ARGV], { replayFrom: saved }) !== undefined;
}

export const source: Source = {
  name: 'cxl',
  description: 'CXL memory devices: firmware revision, serial, partition sizes, security state, firmware-upload status; firmware slots (Get FW Info through the mailbox ioctl); a saved `cxl list` (firmware slots, health) from a captured tree',
  collect(ctx) {
    const memdevs = (ctx.isDir(CXL_DEVICES) ? ctx.listDir(CXL_DEVICES) ?? [] : []).filter((n) => MEMDEV.test(n));
    const saved = ctx.replay && ctx.hasCommand('cxl');
    if (memdevs.length === 0 && !saved) ctx.skip('no CXL memory devices on this host');
    for (const m of memdevs) collectMemdev(ctx, m);
    if (ctx.replay) replaySavedList(ctx);
  },
};
