import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { assertBuilt, failures, type FormResult, type SampleResult, type SweepSample } from './paste-sweep.js';

/** The sweep's verdict is per sample and per form: an open entry forgives its own sample, never its batch partners. */

const sample = (id: string): SweepSample => ({ id, klass: 'x', file: `${id}.txt`, savedAs: `cmd/tool/${id}.out`, format: 'text', command: 'tool' });
const result = (r: Partial<FormResult>): FormResult => ({ samples: new Map(), batchDiffs: new Map(), alone: new Map(), severe: [], ...r });
const right: SampleResult = { reached: true, parsedRight: true, why: [] };

describe('paste sweep failures', () => {
  const a = sample('a');
  const b = sample('b');
  const c = sample('c');

  it("gives a batch's difference to the sample whose own tree shows it, not to the batch", () => {
    const forms = new Map([['html', result({
      samples: new Map<string, SampleResult>([['a', { reached: true, parsedRight: false, why: ['- fw x'] }], ['b', right]]),
      batchDiffs: new Map([[0, ['devices: - {"device_key":"pci:1"}']]]),
      alone: new Map([['a', ['- fw x']], ['b', ['devices: - {"device_key":"pci:1"}']]]),
    })]]);
    // b reads its artifact right, but alone its tree loses a device: b fails on its own, whatever the list says of a.
    expect([...failures({ groups: [[a, b]], forms }).keys()]).toEqual(['html: a', 'html: b']);
  });

  it('keeps a batch that differs while no sample alone does as a failure of the samples together', () => {
    const forms = new Map([['html', result({ samples: new Map([['a', right], ['b', right]]), batchDiffs: new Map([[0, ['devices: + x']]]), alone: new Map([['a', []], ['b', []]]) })]]);
    expect([...failures({ groups: [[a, b]], forms }).keys()]).toEqual(['html: together a, b']);
  });

  it("gives a lone sample's tree difference to that sample, in that form alone", () => {
    const forms = new Map([
      ['html', result({ samples: new Map([['c', right]]), batchDiffs: new Map([[0, ['devices: + x']]]) })],
      ['markdown', result({ samples: new Map([['c', right]]) })],
    ]);
    expect([...failures({ groups: [[c]], forms }).keys()]).toEqual(['html: c']);
  });
});

describe('the paste sweep before it starts', () => {
  it('refuses a build older than a source its load workers would run, and a missing one, naming the culprit', () => {
    const root = tempDir();
    expect(() => assertBuilt(root)).toThrow(/dist\/analyzer\/load\/load-worker\.js is missing \(run npm run build\)/);
    mkdirSync(join(root, 'dist/analyzer/load'), { recursive: true });
    mkdirSync(join(root, 'analyzer/classes/x'), { recursive: true });
    writeFileSync(join(root, 'analyzer/classes/x/parser.ts'), '');
    writeFileSync(join(root, 'dist/analyzer/load/load-worker.js'), '');
    utimesSync(join(root, 'analyzer/classes/x/parser.ts'), new Date(2026, 0, 1), new Date(2026, 0, 1));
    utimesSync(join(root, 'dist/analyzer/load/load-worker.js'), new Date(2026, 0, 2), new Date(2026, 0, 2));
    expect(() => assertBuilt(root)).not.toThrow();
    utimesSync(join(root, 'analyzer/classes/x/parser.ts'), new Date(2026, 0, 3), new Date(2026, 0, 3));
    expect(() => assertBuilt(root)).toThrow('analyzer/classes/x/parser.ts changed after dist/ was built (run npm run build)');
  });
});
