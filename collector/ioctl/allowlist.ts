import { gatherDeclared } from '../class-declarations.js';
import { CLASSES } from '../classes/index.js';
import type { CollectorClass, IoctlCall, IoctlPolicy } from '../source.js';
import { IoctlRefused, type AllowPolicy } from './refused.js';

export { IoctlRefused, type AllowPolicy } from './refused.js';

/**
 * Every ioctl request the collector may issue: each class declares its own (`ioctls` in
 * collector/classes/<name>/index.ts) with the argument checks that refuse any variant that could write, reset
 * or taint; they run before any transport, real or fake.
 */
export function gatherIoctls(classes: readonly CollectorClass[]): ReadonlyMap<string, IoctlPolicy> {
  return gatherDeclared(classes, 'ioctl', (c) => c.ioctls);
}

let gathered: ReadonlyMap<string, IoctlPolicy> | undefined;

/** Every registered class's ioctls by request name, gathered on first use. */
export function ioctlPolicies(): ReadonlyMap<string, IoctlPolicy> {
  return (gathered ??= gatherIoctls(CLASSES));
}

/** The request number of every allowed ioctl, by name. */
export function ioctlRequests(): ReadonlyMap<string, number> {
  return new Map([...ioctlPolicies()].map(([name, p]) => [name, p.request]));
}

/** Throws IoctlRefused unless the call is on the read-only allow-list. */
export function checkAllowed(call: IoctlCall, policy: AllowPolicy): void {
  const allowed = ioctlPolicies().get(call.name);
  if (allowed === undefined || allowed.request !== call.request) {
    throw new IoctlRefused(`request 0x${call.request.toString(16)} (${call.name}) is not on the allow-list`);
  }
  allowed.check(call, policy);
}
