import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readersId, sourceReadersId } from '../../../analyzer/load/readers-id.js';
import { TOOL_VERSION } from '../../../bundle/version.js';
import { tempDir } from '../../helpers/tmp.js';

const SOURCES = new URL('../../../analyzer', import.meta.url).pathname;

describe('the readers a bundle\'s rows are recorded as made by', () => {
  it('are the fwsnap version and a hash of the analyzer sources, the same from the sources and from the build', () => {
    expect(readersId()).toMatch(new RegExp(`^${TOOL_VERSION.replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
    expect(readersId()).toBe(sourceReadersId(SOURCES));
  });

  it('change when a parser does, and not when nothing does', () => {
    const copy = join(tempDir(), 'analyzer');
    cpSync(SOURCES, copy, { recursive: true });
    expect(sourceReadersId(copy)).toBe(readersId());
    writeFileSync(join(copy, 'parsers', 'clean-text.ts'), '// a parser changed\n', { flag: 'a' });
    expect(sourceReadersId(copy)).not.toBe(readersId());
  });
});
