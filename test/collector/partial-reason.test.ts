import { describe, expect, it } from 'vitest';
import type { CollectionIssue } from '../../bundle/format.js';
import { partialReason } from '../../collector/run/runner.js';

const issue = (code: string): CollectionIssue => ({ source: 's', target: 't', code, message: 'm' });

describe("a partial source's reason", () => {
  it('counts failed reads and saved outputs under a name no replay reads apart', () => {
    expect(partialReason([issue('EIO'), issue('EACCES')])).toBe('2 read(s) failed; see issues');
    expect(partialReason([issue('UNKNOWN_NAME')])).toBe('1 saved output(s) under a name it does not read; see issues');
    expect(partialReason([issue('UNKNOWN_NAME'), issue('EIO'), issue('UNKNOWN_NAME')])).toBe('1 read(s) failed, 2 saved output(s) under a name it does not read; see issues');
  });
});
