import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { composeMachine } from './machine-part.js';
import { checkReferenceTools, LAB_TOOL_PHASES, referenceToolsScript, stageReferenceTools, type LabReferenceTools, type LabToolPhase } from './reference-tools.js';
import { LAB_MACHINE_PARTS } from '../scenario-list.js';

/**
 * Runs a phase's script as test/lab/guest/scenario.sh does (bash, with $out and an exported `tool`), with a `tool`
 * that records its argv one word a line instead of running anything.
 */
function runPhase(groups: readonly LabReferenceTools[], phase: LabToolPhase, out: string): void {
  mkdirSync(join(out, 'tools'), { recursive: true });
  const script = join(out, `${phase}.sh`);
  writeFileSync(script, referenceToolsScript(groups, phase));
  const fakeTool = 'tool() { local n=$1; shift; printf "%s\\n" "$@" > "$out/tools/$n.out"; echo 0 > "$out/tools/$n.status"; }';
  execFileSync('bash', ['-c', `${fakeTool}; export -f tool; export out="$1"; bash "$2"`, '_', out, script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const argv = (out: string, name: string): string[] | undefined =>
  existsSync(join(out, `tools/${name}.out`)) ? readFileSync(join(out, `tools/${name}.out`), 'utf8').split('\n').slice(0, -1) : undefined;

describe('the lab scenarios\' reference tools, declared per class and run by the guest', () => {
  it('runs each declared command once per instance the list command prints, keeps the list, and substitutes the instance in names and arguments', () => {
    const out = tempDir();
    const sys = join(out, 'sys');
    for (const d of ['disk1', 'disk2']) mkdirSync(join(sys, d), { recursive: true });
    const groups: LabReferenceTools[] = [
      { each: { list: 'disks', command: `ls ${sys}` }, runs: [{ output: 'inq-{}', argv: ['inq', '/dev/{}', "it's $HOME {}{}"] }] },
      { each: { list: 'first.disk', command: `ls ${sys}`, first: true }, runs: [{ output: 'only-one', argv: ['id', '{}'] }, { output: 'only-one-after', argv: ['id', '{}', 'again'], phase: 'after-collect' }] },
      { runs: [{ output: 'plain', argv: ['lsthing', '-x', ''] }] },
      { ifExists: join(out, 'absent'), runs: [{ output: 'never', argv: ['never'] }] },
      { ifExists: sys, each: { list: 'nothing', command: 'true' }, runs: [{ output: 'none-{}', argv: ['none'] }] },
      { each: { list: 'no.first', command: 'true', first: true }, runs: [{ output: 'no-first', argv: ['none'] }] },
    ];
    runPhase(groups, 'before-collect', out);
    expect(readFileSync(join(out, 'tools/disks'), 'utf8')).toBe('disk1\ndisk2\n');
    expect(argv(out, 'inq-disk1')).toEqual(['inq', '/dev/disk1', "it's $HOME disk1disk1"]);
    expect(argv(out, 'inq-disk2')).toEqual(['inq', '/dev/disk2', "it's $HOME disk2disk2"]);
    expect(readFileSync(join(out, 'tools/first.disk'), 'utf8')).toBe('disk1\n');
    expect(argv(out, 'only-one')).toEqual(['id', 'disk1']);
    expect(argv(out, 'only-one-after')).toBeUndefined();
    expect(argv(out, 'plain')).toEqual(['lsthing', '-x', '']);
    expect(argv(out, 'never')).toBeUndefined();
    expect(readFileSync(join(out, 'tools/nothing'), 'utf8')).toBe('');
    expect(readFileSync(join(out, 'tools/no.first'), 'utf8')).toBe('');
    expect(argv(out, 'no-first')).toBeUndefined();

    // The next phase reads the lists the first one kept, even when the instances have gone meanwhile.
    execFileSync('rm', ['-r', sys]);
    runPhase(groups, 'after-collect', out);
    expect(argv(out, 'only-one-after')).toEqual(['id', 'disk1', 'again']);
    expect(readFileSync(join(out, 'tools/disks'), 'utf8')).toBe('disk1\ndisk2\n');
  });

  it('refuses what the guest could not run as declared', () => {
    const bad: [LabReferenceTools[], RegExp][] = [
      [[{ runs: [{ output: 'x-{}', argv: ['x'] }] }], /names the instance .* declares no instances/],
      [[{ runs: [{ output: 'x', argv: ['x', '/dev/{}'] }] }], /names the instance/],
      [[{ each: { list: 'l', command: 'ls' }, runs: [{ output: 'x', argv: ['x', '{}'] }] }], /output name has no \{\}/],
      [[{ runs: [{ output: 'x', argv: ['x'] }] }, { runs: [{ output: 'x', argv: ['y'] }] }], /output x is declared twice/],
      [[{ runs: [{ output: '../x', argv: ['x'] }] }], /not a plain file name/],
      [[{ each: { list: 'a/b', command: 'ls' }, runs: [{ output: 'x-{}', argv: ['x'] }] }], /not a plain file name/],
      [[{ runs: [{ output: 'x', argv: [] }] }], /has no command/],
      [[{ runs: [] }], /runs nothing/],
      [[{ ifExists: 'relative', runs: [{ output: 'x', argv: ['x'] }] }], /not an absolute guest path/],
    ];
    for (const [groups, error] of bad) expect(() => checkReferenceTools(groups), JSON.stringify(groups)).toThrow(error);
  });

  it('the registered classes\' reference tools make a script for each phase that bash accepts, staged in the result share', () => {
    const { tools } = composeMachine(LAB_MACHINE_PARTS);
    expect(tools.flatMap((g) => g.runs).length).toBeGreaterThan(10);
    const out = tempDir();
    stageReferenceTools(tools, out);
    for (const phase of LAB_TOOL_PHASES) {
      const script = join(out, `reference-tools/${phase}.sh`);
      expect(readFileSync(script, 'utf8')).toBe(referenceToolsScript(tools, phase));
      execFileSync('bash', ['-n', script]);
    }
  });
});
