import type { SourceContext } from '../../source.js';

/** Where the Fabric Manager packages install its configuration (the service runs `nv-fabricmanager -c` on it). */
export const FABRIC_MANAGER_CONFIG = '/usr/share/nvidia/nvswitch/fabricmanager.cfg';
/** LOG_FILE_NAME's default in the Fabric Manager User Guide and the shipped fabricmanager.cfg. */
export const FABRIC_MANAGER_LOG = '/var/log/fabricmanager.log';
/** The end of the log is kept: the last start of the daemon and what followed it. */
export const FABRIC_MANAGER_LOG_MAX = 256 * 1024;
const CONFIG_MAX = 64 * 1024;
/** A LOG_FILE_NAME that is read: a file under /var/log whose name says it is the Fabric Manager's, ending in .log. */
const ALLOWED_LOG = /^\/var\/log\/(?:[\w.+-]+\/)*[\w.+-]*fabricmanager[\w.+-]*\.log$/;

export type LogPath = { path: string } | { refused: string } | { none: string };

/** The last LOG_FILE_NAME= of a fabricmanager.cfg (`#` starts a comment line), checked against the allow-list. */
export function fabricManagerLogPath(config: string | undefined): LogPath {
  let value: string | undefined;
  for (const line of config?.split('\n') ?? []) {
    const m = /^\s*LOG_FILE_NAME\s*=(.*)$/.exec(line);
    if (m) value = m[1]!.trim();
  }
  if (value === undefined) return { path: FABRIC_MANAGER_LOG };
  // The guide: an empty value sends the log to the console (the service's journal).
  if (value === '') return { none: 'LOG_FILE_NAME is empty: the Fabric Manager logs to its console (the journal)' };
  const segments = value.split('/');
  if (!ALLOWED_LOG.test(value) || segments.includes('..') || segments.includes('.')) return { refused: value };
  return { path: value };
}

/**
 * The end of the Fabric Manager's log, at the path its configuration names (only a path the allow-list takes): a
 * plain file the daemon writes, read like any log; nothing reaches a device.
 */
export function collectFabricManagerLog(ctx: SourceContext): void {
  const config = ctx.exists(FABRIC_MANAGER_CONFIG) ? ctx.peekText(FABRIC_MANAGER_CONFIG)?.slice(0, CONFIG_MAX) : undefined;
  const where = fabricManagerLogPath(config);
  if ('refused' in where) {
    ctx.issue(FABRIC_MANAGER_CONFIG, 'NOT-ALLOWED', `LOG_FILE_NAME ${where.refused} is not read: only a *fabricmanager*.log under /var/log is`);
    return;
  }
  if ('path' in where && ctx.exists(where.path)) ctx.collectFile(where.path, { maxBytes: FABRIC_MANAGER_LOG_MAX, tail: true });
}
