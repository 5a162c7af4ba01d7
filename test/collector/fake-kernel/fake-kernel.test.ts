import { describe, expect, it } from 'vitest';
import { ioctlRequests } from '../../../collector/ioctl/allowlist.js';
import type { IoctlCall } from '../../../collector/source.js';
import { FakeKernel, KernelViolation, type IoctlAnswerer } from './fake-kernel.js';

const [name, request] = [...ioctlRequests()][0]!;
const call = (r = request): IoctlCall => ({ target: { kind: 'path', path: '/dev/x' }, name, request: r, arg: Buffer.from([1, 2]) });
const answerer = (seen: string[]): IoctlAnswerer => ({ ioctls: [name], answer: (c, k) => (seen.push(`${c.name} ${k.privileged}`), { rc: 0, errno: 0 }) });

describe('the fake kernel engine', () => {
  it('hands a call to the answerer registered for its ioctl, with the privilege it runs with, and records its bytes', () => {
    const seen: string[] = [];
    const kernel = new FakeKernel({ answerers: [answerer(seen)], privileged: false });
    expect(kernel.call(call())).toEqual({ rc: 0, errno: 0 });
    expect(seen).toEqual([`${name} false`]);
    expect(kernel.seen.map((s) => [s.name, s.target, [...s.arg]])).toEqual([[name, '/dev/x', [1, 2]]]);
  });

  it('refuses an ioctl nobody answers, a request number that is not the allow-listed one, and two answerers of one ioctl', () => {
    expect(() => new FakeKernel().call(call())).toThrow(KernelViolation);
    expect(() => new FakeKernel({ answerers: [answerer([])] }).call(call(request + 1))).toThrow(/is not/);
    expect(() => new FakeKernel({ answerers: [answerer([]), answerer([])] })).toThrow(`two fake-kernel answerers for ${name}`);
  });
});
