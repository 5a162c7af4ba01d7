import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQueueAttribute, parseScheduler } from '../../analyzer/classes/ata/block-queue.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

describe('block queue attributes', () => {
  it('splits the scheduler into active and available', () => {
    expect(parseScheduler('[mq-deadline] kyber bfq none\n')).toEqual({ active: 'mq-deadline', available: ['mq-deadline', 'kyber', 'bfq', 'none'] });
    expect(parseScheduler('[none] mq-deadline')).toEqual({ active: 'none', available: ['none', 'mq-deadline'] });
    expect(parseScheduler('none')).toEqual({ active: 'none', available: ['none'] });
  });

  it('refuses a scheduler list without an active entry', () => {
    expect(() => parseScheduler('mq-deadline none')).toThrow(/block-scheduler: no \[active\] scheduler in "mq-deadline none"/);
    expect(() => parseScheduler('  \n')).toThrow(/empty/);
  });

  it('types flags, numbers and text', () => {
    expect(parseQueueAttribute('rotational', '0\n')).toBe(false);
    expect(parseQueueAttribute('discard_max_bytes', '2147450880\n')).toBe(2147450880);
    expect(parseQueueAttribute('write_cache', 'write back\n')).toBe('write back');
    expect(parseQueueAttribute('scheduler', '[mq-deadline] none\n')).toBe('mq-deadline');
    expect(parseQueueAttribute('nr_requests', '64')).toBe(64);
    expect(parseQueueAttribute('zoned', 'none')).toBe('none');
  });

  it('returns or throws ParseError on arbitrary text', () => {
    expectOnlyParseErrors(fc.tuple(fc.constantFrom('scheduler', 'rotational', 'nr_requests'), fc.string()), [([name, s]) => parseQueueAttribute(name, s)]);
  });
});
