import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonTerminalSafe, terminalSafe } from '../../bundle/terminal-safe.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';

/** What a terminal acts on: C0 controls but newline, DEL, C1 controls, bidi and other invisible format characters. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('terminalSafe', () => {
  it('escapes ESC, CR, BEL, NUL, DEL, C1, bidi overrides and separators, and nothing else', () => {
    expect(terminalSafe('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(terminalSafe('a\rb\nc\td\x07e\x00f\x7f')).toBe('a\\rb\\nc\\td\\x07e\\x00f\\x7f');
    expect(terminalSafe('csi\u009b2J')).toBe('csi\\x9b2J');
    expect(terminalSafe('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe');
    expect(terminalSafe('\u2066iso\u2069 zw\u200bj \ufeffbom \u2028ls')).toBe('\\u2066iso\\u2069 zw\\u200bj \\ufeffbom \\u2028ls');
    expect(terminalSafe('lone \ud800 half')).toBe('lone \\ud800 half');
    expect(terminalSafe('tag \u{e0041}')).toBe('tag \\u{e0041}');
    for (const plain of ['0000:3b:00.0', 'ConnectX-6 Dx — 22.39.1002', 'Grüße, 東京, emoji 🚀', 'back\\slash']) expect(terminalSafe(plain)).toBe(plain);
  });

  it('JSON: the same value, with the characters JSON.stringify leaves raw written as \\u escapes', () => {
    const value = { host: 'h\u202e\u009b\x1b\x7f', list: ['ok 🚀', 'zw\u200d'] };
    const text = jsonTerminalSafe(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(text.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
    expect(text).toContain('\\u202e');
  });
});

describe('strings from a bundle reach the terminal escaped, in every command and format', () => {
  beforeAll(ensureBuilt);

  const hostname = 'evil\x1b]0;pwned\x07host\r\u202egnp.exe';
  it('hostname, kernel release, source reasons, issue texts and entry names', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'hostile.tar.gz');
    await writeBundle(
      bundle,
      [
        { name: 'proc/version', data: 'Linux version 6.1.0\n' },
        { name: 'sys/class/net/eth\u202e0/address', data: '00:11:22:33:44:55\n' },
        { name: 'sys/class/net/eth\u009b1/address', data: '00:11:22:33:44:56\n' },
      ],
      {
        host: { hostname, kernelRelease: '6.1.0\u009b2J', machine: 'x86_64', time: new Date(0).toISOString(), uid: 0, root: true, collectedFrom: 'tree' },
        sources: [{ name: 'nic', status: 'partial', reason: 'stuck at \x1b[2J/sys/x\u0000', durationMs: 1, devices: { nic: 1 }, artifacts: 1 }],
        issues: [{ source: 'nic', target: '/sys/\x1b[1mbold', code: 'EIO', message: 'bell\x07 and \u202ereversed' }],
      },
    );
    const outputs: [string, string][] = [];
    const run = (args: string[]): void => {
      const r = fwsnap(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/^\s+at .+[:(]/m);
      outputs.push([args.join(' '), r.stdout + r.stderr]);
    };
    run(['verify', bundle]);
    for (const format of ['text', 'markdown', 'json']) run(['analyze', bundle, '--format', format]);
    for (const format of ['table', 'csv', 'json']) {
      run(['query', bundle, 'SELECT hostname, kernel_release FROM bundles', '--format', format]);
      run(['query', bundle, 'SELECT target, code, message FROM collection_issues', '--format', format]);
      run(['query', bundle, 'SELECT name, reason FROM sources', '--format', format]);
    }
    run(['redact', bundle, join(dir, 'out.tar.gz')]);
    for (const [what, text] of outputs) {
      const bad = RAW_CONTROL.exec(text);
      expect(bad, `${what}: raw U+${bad?.[0].codePointAt(0)?.toString(16)} in ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 40))}`).toBeNull();
    }
    const all = outputs.map(([, t]) => t).join('\n');
    expect(all).toContain('evil\\x1b]0;pwned\\x07host\\r\\u202egnp.exe');
    expect(all).toContain('eth\\u202e0');
    expect(all).toContain('stuck at \\x1b[2J');
    expect(all).toContain('bell\\x07 and \\u202ereversed');
  });
});
