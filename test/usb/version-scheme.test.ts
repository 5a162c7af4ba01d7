import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../analyzer/classes/index.js';
describe('the usb class in the shared version engine', () => {
  it('defines usb-bcd, the scheme(s) of its firmware versions', () => {
    expect(Object.keys(CLASSES.find((c) => c.name === 'usb')!.schemes ?? {}).sort()).toEqual(['usb-bcd']);
  });
});
