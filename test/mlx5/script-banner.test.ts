/**
 * A script's banner around an mst tool's output (`=====` rules, its `-I-`/`-W-` notes, a `-----` rule around a flint run):
 * no line of it is the tool's, and none says anything to read, so none is listed as unread. Real corpus outputs, each
 * inside the banner a health-check script draws.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';
import { parseMlxlink } from '../../analyzer/classes/mlx5/mlxlink.js';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const banner = (rule: string, body: string): string => `${rule}\n-I- Querying 0000:3b:00.0\n-W- Quick query\n${rule}\n${body}${rule}\n`;

describe("a script's banner around the output", () => {
  it.each(['========================================', '****************', '________________', '~~~~~~~~~~~~~~~~'])('%s rules: no unread line', (rule) => {
    expect(parseMstflintRuns(banner(rule, real('mstflint/cx5-fs4-ofed47-no-command.txt'))).issues).toEqual([]);
    expect(parseFwManagerQuery(banner(rule, real('fwmanager/bf1-mlnxofedinstall-up-to-date.txt'))).issues).toEqual([]);
    expect(parseMlxlink(banner(rule, real('mlxlink/cx6dx-rdma-notes-mlx5-1.txt'))).issues).toEqual([]);
    const q = parseMstconfigQuery(banner(rule, real('mstconfig/cx3-mlxconfig-query-server-2-pve.txt')));
    expect(q.issues).toEqual([]);
    expect(q.devices[0]!.params.length).toBeGreaterThan(10);
  });

  it('a dash rule around a flint run: the same fields, no unread line', () => {
    const r = parseMstflintRuns(banner('----------------------------------------', real('mstflint/cx5-fs4-ofed47-no-command.txt')));
    expect(r.runs.map((x) => x.query.fwVersion)).toEqual(['16.26.4012']);
    expect(r.issues).toEqual([]);
  });

  it("the health-check script's banner of the corpus: only its section title is unread", () => {
    expect(parseMstconfigQuery(real('mstconfig/cx7-header-grep-banner-lab-execution-aws.txt')).issues.map((i) => i.text)).toEqual(['--- Configuration Status ---']);
  });
});
