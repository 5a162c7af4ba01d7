import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const read = (raw: string): [number, string][] => cleanText(raw).lines.map((l) => [l.no, l.text]);
const noise = (raw: string): [number, string][] => cleanText(raw).noise.map((n) => [n.no, n.kind]);

const LIST = ['$ nvidia-smi -L', 'GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-5a2c7f43-0b3c-7d5e-9a1b-2c3d4e5f6a7b)', 'GPU 1: NVIDIA A100-SXM4-40GB (UUID: GPU-6b3d8a54-1c4d-8e6f-0b2c-3d4e5f6a7b8c)'];
const OUT = [LIST[1]!, LIST[2]!];

// Real forms: Sphinx/MyST docs (Jupyter Book, jumpstarter's and pylith's docs) writing a console session as a MyST
// directive: ```{code-block} console with its options under it, as `:caption:` lines or a `---` block, or as a colon
// fence; a `{tab-set}` of `{tab-item}`s (with their `:sync:` option) around the fences.
describe('MyST directive fences', () => {
  it('```{code-block} console and its option lines: the block is the output, the options and words around it are the document\'s', () => {
    const page = ['Check the GPUs:', '', '```{code-block} console', ':caption: The GPUs of the node', ':linenos:', ...LIST, '```', '', 'Both are seen.'].join('\n');
    expect(read(page)).toEqual([[7, OUT[0]!], [8, OUT[1]!]]);
    expect(noise(page)).toEqual([[1, 'prose'], [3, 'fence'], [4, 'prose'], [5, 'prose'], [6, 'prompt'], [9, 'fence'], [11, 'prose']]);
  });

  it('its options as a --- block', () => {
    const page = ['## Running', '', '```{code-block} console', '---', 'caption: List the GPUs', 'emphasize-lines: 2', '---', ...LIST, '```'].join('\n');
    expect(read(page)).toEqual([[9, OUT[0]!], [10, OUT[1]!]]);
  });

  it(':::{code-block} console … ::: (colon fences), inside a tab set whose tab items have options', () => {
    const colon = ['Output:', '', ':::{code-block} console', ':caption: nvidia-smi -L', ...LIST, ':::', '', 'Then.'].join('\n');
    expect(read(colon)).toEqual([[6, OUT[0]!], [7, OUT[1]!]]);
    const tabs = ['::::{tab-set}', '', ':::{tab-item} Ubuntu', ':sync: ubuntu', '```{code-block} console', ...LIST, '```', ':::', '', ':::{tab-item} RHEL', ':sync: rhel', 'Use the same command.', ':::', '', '::::'].join('\n');
    expect(read(tabs)).toEqual([[7, OUT[0]!], [8, OUT[1]!]]);
  });

  it('a block of four backticks holding one of three (a Markdown page quoted) keeps the inner fences inside', () => {
    const page = ['Write it so:', '', '````markdown', '```console', ...LIST, '```', '````', '', 'and it renders.'].join('\n');
    expect(read(page)).toEqual([[6, OUT[0]!], [7, OUT[1]!]]);
  });

  it('a plain fence pair, and a closing fence written with a language, read as before', () => {
    expect(read(['Here:', '```', ...LIST, '```', 'ok'].join('\n'))).toEqual([[4, OUT[0]!], [5, OUT[1]!]]);
    expect(read(['Here:', '```console', ...LIST, '```bash', 'ok'].join('\n'))).toEqual([[4, OUT[0]!], [5, OUT[1]!]]);
  });

  // Real form: BlueField-3 setup notes (the mlx5 corpus's bf3-mlxfwreset-q-two-quoted-lines-no-headings-notes) write the
  // language in brackets, ```[sh], and quote two output lines in a fence each: `[sh]` was left as a line of the output.
  it('a language in brackets (```[sh]), one fence after another', () => {
    const page = ['If the output includes the following two lines:', '', '```[sh]', OUT[0]!, '```', '```[sh]', OUT[1]!, '```'].join('\n');
    expect(read(page)).toEqual([[4, OUT[0]!], [7, OUT[1]!]]);
  });
});

// Real form: a pasted block whose closing fence lost its line end before it (`supports-priv-flags: yes```` as the
// file's last line), as a notes file or comment saves it.
describe('a closing fence glued after the last line', () => {
  it('comes off the value, and the words after the block are the writer\'s', () => {
    const paste = ['Here:', '```', '$ ethtool -i ens5', 'driver: ena', 'supports-priv-flags: yes```', '', 'ena is the driver.'].join('\n');
    expect(read(paste)).toEqual([[4, 'driver: ena'], [5, 'supports-priv-flags: yes']]);
    expect(noise(paste)).toEqual([[1, 'prose'], [2, 'fence'], [3, 'prompt'], [7, 'prose']]);
    // In a mail's quote too.
    expect(read(['> ```', '> driver: ena', '> supports-priv-flags: yes```'].join('\n'))).toEqual([[2, 'driver: ena'], [3, 'supports-priv-flags: yes']]);
  });

  it('a line ending in backticks outside any block stays as it is', () => {
    expect(read('driver: ena```')).toEqual([[1, 'driver: ena```']]);
  });
});

// Real form: a wiki page on smartctl inside D-Link DNS-321/323 NAS boxes converted to Markdown (ata corpus
// smartctl/*-dns32?-marvell-smartctl538-wiki-*), each block opening with the wiki's code processor line `#!sh`.
describe('a wiki code processor line where a block starts', () => {
  const OUTPUT = ['# smartctl -i /dev/sda', 'Device Model:     WDC WD10EACS-00D6B1', 'Firmware Version: 01.01A01'];
  it('`#!sh`, `#!bash`, `#!console`, `#!highlight bash`, `#!text/x-sh` as a fenced block\'s first line are the page\'s', () => {
    for (const marker of ['#!sh', '#!bash', '#!console', '#!highlight bash', '#!text/x-sh']) {
      const page = ['The first disk:', '```', marker, ...OUTPUT, '```'].join('\n');
      expect(read(page)).toEqual([[5, OUTPUT[1]!], [6, OUTPUT[2]!]]);
      expect(noise(page)).toContainEqual([3, 'fence']);
    }
  });

  it('as the text\'s first line, or glued after the fence\'s mark', () => {
    expect(read(['#!sh', ...OUTPUT].join('\n'))).toEqual([[3, OUTPUT[1]!], [4, OUTPUT[2]!]]);
    expect(read(['```#!sh', ...OUTPUT, '```'].join('\n'))).toEqual([[3, OUTPUT[1]!], [4, OUTPUT[2]!]]);
  });

  it('a shebang (`#!/bin/sh`), and a marker in the middle of an output, are not', () => {
    expect(read(['```', '#!/bin/sh', ...OUTPUT, '```'].join('\n'))[0]).toEqual([2, '#!/bin/sh']);
    expect(read(['```', ...OUTPUT, '#!sh', '```'].join('\n'))).toContainEqual([5, '#!sh']);
  });
});

// Real form: the ata corpus's smartctl/wdc-wd10eacs-dns321-marvell-smartctl538-wiki-sh-processor-i is a Markdown copy of
// a block of smartmontools' Trac wiki (www.smartmontools.org/wiki/NAS), whose source writes it `{{{`, `#!sh`, the
// session, `}}}`; the same block as the wiki's source holds it, with the page's words around it.
describe("a Trac or MoinMoin wiki's block", () => {
  const md = readFileSync(new URL('../../ata/fixtures/real/smartctl/wdc-wd10eacs-dns321-marvell-smartctl538-wiki-sh-processor-i.txt', import.meta.url), 'utf8').trimEnd().split('\n');
  const body = md.slice(1, -1);

  it('{{{ … }}} around the output: the words around it are the page\'s, the lines inside the output', () => {
    for (const open of [['{{{'], ['{{{#!sh']]) {
      const lines = ['On the DNS-321 the first disk shows:', ...open, ...(open[0] === '{{{' ? body : body.slice(1)), '}}}', 'The second disk needs -d marvell too.'];
      const c = cleanText(lines.join('\n'));
      expect(c.noise.filter((n) => n.kind !== 'prompt').map((n) => [n.no, n.kind]), open[0]).toEqual([
        [1, 'prose'], [2, 'fence'], ...(open[0] === '{{{' ? [[3, 'fence']] : []), [lines.length - 1, 'fence'], [lines.length, 'prose'],
      ]);
      expect(c.lines.at(-1)?.text, open[0]).toBe('SMART support is: Enabled');
    }
  });
});
