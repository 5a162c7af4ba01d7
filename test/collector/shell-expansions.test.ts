import { describe, expect, it } from 'vitest';
import { commandOf } from '../../analyzer/parsers/shell-session.js';
import { deviceInText } from '../../collector/saved-output-name.js';
import { commandWithoutExpansions, holdsExpansion, withoutExpanded } from '../../collector/shell-expansions.js';
import { typedParts } from '../../collector/typed-commands.js';

const TOOLS = new Set(['flint', 'mstconfig', 'smartctl', 'ethtool']);

describe('words a script\'s shell filled in are no device', () => {
  it('tells an expansion from a prompt\'s $ and a price', () => {
    for (const w of ['$DEV', '${disk}', '"$dev"', '/dev/sd$x', '$1', '$(mst']) expect(holdsExpansion(w), w).toBe(true);
    // Backquotes in a pasted command are Markdown's code marks (`pci/0000:af:\`00.0\``), not taken for a substitution.
    for (const w of ['$', '0000:03:00.0', '/dev/sda', 'US$ 5', 'q', '`00.0`']) expect(holdsExpansion(w), w).toBe(false);
  });

  it('drops the word, and the option before it when more words follow (it took the word as its value)', () => {
    expect(withoutExpanded(['-d', '$DEV', 'q'])).toEqual(['q']);
    expect(withoutExpanded(['-d', '$DEV', '-e', 'q'])).toEqual(['-e', 'q']);
    expect(withoutExpanded(['-a', '$DISK'])).toEqual(['-a']);
    expect(withoutExpanded(['-i', '${iface}'])).toEqual(['-i']);
    expect(withoutExpanded(['id-ctrl', '/dev/$n', '-H'])).toEqual(['id-ctrl', '-H']);
    expect(withoutExpanded(['-d', 'sat', '-a', '/dev/sda'])).toEqual(['-d', 'sat', '-a', '/dev/sda']);
  });

  it('a typed command line: substitutions are one word, pipes after the command stay, loops stay whole', () => {
    expect(commandWithoutExpansions('flint -d $(mst status -v | grep pciconf0 | cut -f1) q')).toBe('flint q');
    expect(commandWithoutExpansions('flint -d $DEV q | grep -i version')).toBe('flint q | grep -i version');
    expect(commandWithoutExpansions('smartctl -a /dev/sda')).toBe('smartctl -a /dev/sda');
    const loop = 'for d in 03:00.0 82:00.0; do flint -d $d q; done';
    expect(commandWithoutExpansions(loop)).toBe(loop);
    expect(commandOf('root@host:~# mstconfig -d "$dev" q')).toBe('mstconfig q');
  });

  it('a ticket\'s part typed with a variable is named by its other words; a /dev path the shell completes names no node', () => {
    expect(typedParts(Buffer.from('$ flint -d $DEV q\nFW Version: 1\n'), TOOLS).map((p) => p.name)).toEqual(['cmd/flint/q.out']);
    expect(typedParts(Buffer.from('# smartctl -a /dev/$d\nx\n'), TOOLS).map((p) => p.argv)).toEqual([['smartctl', '-a']]);
    expect(typedParts(Buffer.from('$ flint -d $(mst status -v | grep pciconf0) q\nFW Version: 1\n'), TOOLS).map((p) => [p.name, p.filter])).toEqual([['cmd/flint/q.out', undefined]]);
    expect(deviceInText('# smartctl -a /dev/sd$x\n', /^\/dev\//)).toBeUndefined();
    expect(deviceInText('# smartctl -a /dev/${disk}\n', /^\/dev\//)).toBeUndefined();
    expect(deviceInText('# smartctl -a /dev/sdb\n', /^\/dev\//)).toBe('/dev/sdb');
  });
});
