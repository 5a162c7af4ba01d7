import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../../collector/classes/index.js';
import { checkAllowed, gatherIoctls, ioctlRequests, IoctlRefused } from '../../../collector/ioctl/allowlist.js';
import type { IoctlCall } from '../../../collector/source.js';

/**
 * The read-only ioctl allow-list is gathered from what each class declares (collector/classes/<name>/ioctls.ts).
 * Each class's tests check its own requests against the kernel headers and its argument checks (test/<class>/).
 */
describe('ioctl allow-list', () => {
  it('holds exactly the ioctls the classes declare, with their request numbers', () => {
    const declared = CLASSES.flatMap((c) => Object.entries(c.ioctls ?? {}).map(([name, p]) => [name, p.request] as const));
    expect(declared.length).toBeGreaterThan(1);
    expect(Object.fromEntries(ioctlRequests())).toEqual(Object.fromEntries(declared));
  });

  it('refuses a request name two classes declare', () => {
    const policy = { request: 1, check: (): void => {} };
    expect(() => gatherIoctls([{ name: 'a', sources: [], ioctls: { X: policy } }, { name: 'b', sources: [], ioctls: { X: policy } }])).toThrow(/ioctl X is declared by both a and b/);
  });

  it('refuses a call whose name no class declares or whose number is not the declared one', () => {
    const [name, request] = [...ioctlRequests()][0]!;
    const call: IoctlCall = { target: { kind: 'path', path: '/dev/null' }, name, request, arg: Buffer.alloc(8), pointers: [] };
    expect(() => checkAllowed({ ...call, name: 'SIOCSIFFLAGS' }, { includeEeprom: false })).toThrow(IoctlRefused);
    expect(() => checkAllowed({ ...call, request: 0x8914 }, { includeEeprom: false })).toThrow(new RegExp(`request 0x8914 \\(${name}\\) is not on the allow-list`));
  });
});
