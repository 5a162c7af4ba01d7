import { readJsonOutput } from '../../parsers/json-output.js';
import { cleanText, jsonDocument, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { ownSubcommandLines } from './other-commands.js';

/** One controller (path) of a subsystem, as `nvme list-subsys` prints it. */
export interface NvmeSubsysController {
  /** nvme0 */
  name: string;
  transport?: string;
  /** `0000:01:00.0` for PCIe; `traddr=…,trsvcid=…` (or space-separated, or 3.0's bare traddr) over fabrics. */
  address?: string;
  state?: string;
  anaState?: string;
}

export interface NvmeSubsystem {
  /** nvme-subsys0 */
  name: string;
  nqn?: string;
  hostnqn?: string;
  iopolicy?: string;
  /** Printed with -v from nvme-cli 2.16 on. */
  model?: string;
  serial?: string;
  firmware?: string;
  type?: string;
  controllers: NvmeSubsysController[];
}

export interface NvmeListSubsys {
  subsystems: NvmeSubsystem[];
  issues: LineIssue[];
}

const SUBSYS_LINE = /^(nvme-subsys\d+) - NQN=(.*)$/;
/** nvme-cli 2.x's lines under the NQN (`               hostnqn=…`, `iopolicy=numa`, -v's `model=`, `serial=`, `firmware=`, `type=`). */
const ATTRIBUTE = /^\s+(hostnqn|iopolicy|model|serial|firmware|type)=(.*)$/;
const CONTROLLER = /^\s*\+-\s+(nvme\d+)(?:\s+(\S+))?(?:\s+(.*))?$/;
/** The kernel's controller states (nvme_ctrl_state_show), `deleting (no IO)` of two words. */
const STATES = /(?:^|\s)(new|live|resetting|connecting|reconnecting|deleting \(no IO\)|deleting|dead|unknown state)$/;
const ANA_STATES = /(?:^|\s)(optimized|non-optimized|inaccessible|persistent-loss|change)$/;

/** ` +- nvme0 tcp traddr=10.0.0.1,trsvcid=4420 live optimized`: read from its end (the ANA state, then the state), the address what is left. */
function controllerLine(m: RegExpExecArray): NvmeSubsysController {
  let rest = (m[3] ?? '').trim();
  const ana = ANA_STATES.exec(rest);
  if (ana) rest = rest.slice(0, ana.index).trim();
  const state = STATES.exec(rest);
  if (state) rest = rest.slice(0, state.index).trim();
  return { name: m[1]!, ...(m[2] ? { transport: m[2] } : {}), ...(rest ? { address: rest } : {}), ...(state ? { state: state[1] } : {}), ...(ana ? { anaState: ana[1] } : {}) };
}

/**
 * `nvme list-subsys` text, nvme-cli 1.x to 3.0: each subsystem's `nvme-subsys0 - NQN=<nqn>` (the NQN as the kernel
 * gives it, spaces of a generated one kept), 2.x's `hostnqn=`/`iopolicy=` lines (-v adds model, serial, firmware, type),
 * a `\` line, then ` +- <ctrl> <transport> <address> <state> [<ANA state>]` per controller (1.5: no state).
 */
function fromText(lines: TextLine[], issues: LineIssue[]): NvmeListSubsys {
  const subsystems: NvmeSubsystem[] = [];
  let current: NvmeSubsystem | undefined;
  for (const { no, text: raw } of lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '' || line.trim() === '\\') continue;
    const s = SUBSYS_LINE.exec(line.trim());
    if (s) {
      current = { name: s[1]!, controllers: [], ...(s[2]!.trim() ? { nqn: s[2]!.trim() } : {}) };
      subsystems.push(current);
      continue;
    }
    const a = current ? ATTRIBUTE.exec(line) : null;
    if (a && current) {
      const value = a[2]!.trim();
      if (value) current[a[1] as 'hostnqn' | 'iopolicy' | 'model' | 'serial' | 'firmware' | 'type'] = value;
      continue;
    }
    const c = current ? CONTROLLER.exec(line) : null;
    if (c && current) {
      current.controllers.push(controllerLine(c));
      continue;
    }
    issues.push({ line: no, text: raw, message: 'not a line of nvme list-subsys' });
  }
  return { subsystems, issues };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)) : []);

function pathOf(p: Record<string, unknown>): NvmeSubsysController | undefined {
  const name = str(p.Name);
  if (!name) return undefined;
  const fields: [keyof NvmeSubsysController, unknown][] = [['transport', p.Transport], ['address', p.Address], ['state', p.State], ['anaState', p.ANAState]];
  return Object.assign({ name }, ...fields.map(([k, v]) => (str(v) ? { [k]: str(v) } : {}))) as NvmeSubsysController;
}

/**
 * `nvme list-subsys -o json`: 1.x `{"Subsystems": [{Name, NQN, Paths}]}` (1.5 – 1.8 gave each subsystem's Paths as
 * an element of its own after it), 2.x and 3.0 an array of hosts `[{HostNQN, HostID, Subsystems: [{Name, NQN, IOPolicy,
 * Paths}]}]` (2.16 -v adds Model, Serial, Firmware, Type). Paths: Name, Transport, Address, State, ANAState.
 */
function fromJson(text: string, issues: LineIssue[]): NvmeListSubsys {
  const read = readJsonOutput('nvme-list-subsys', text);
  if (read.cut) issues.push(read.cut);
  const hosts = Array.isArray(read.doc) ? records(read.doc) : records([read.doc]);
  const subsystems: NvmeSubsystem[] = [];
  for (const host of hosts) {
    const hostnqn = str(host.HostNQN);
    let last: NvmeSubsystem | undefined;
    for (const s of records(host.Subsystems)) {
      const name = str(s.Name);
      const paths = records(s.Paths).map(pathOf).filter((p): p is NvmeSubsysController => p !== undefined);
      if (!name) {
        // 1.5 – 1.8: `{"Paths": […]}` after its subsystem's element.
        if (last && paths.length) last.controllers.push(...paths);
        else if (paths.length) issues.push({ line: 1, text: JSON.stringify(s).slice(0, 80), message: 'controllers under no subsystem' });
        continue;
      }
      const attrs: [keyof NvmeSubsystem, unknown][] = [['nqn', s.NQN], ['hostnqn', hostnqn], ['iopolicy', s.IOPolicy], ['model', s.Model], ['serial', s.Serial], ['firmware', s.Firmware], ['type', s.Type]];
      last = Object.assign({ name, controllers: paths }, ...attrs.map(([k, v]) => (str(v) ? { [k]: str(v) } : {}))) as NvmeSubsystem;
      subsystems.push(last);
    }
  }
  // `{}` or `[]`: nvme-cli's list of no subsystem.
  const empty = Array.isArray(read.doc) ? read.doc.length === 0 : hosts.length === 1 && Object.keys(hosts[0]!).length === 0;
  if (!subsystems.length && !empty) issues.push({ line: 1, text: text.trim().slice(0, 80), message: 'no subsystem in "Subsystems"' });
  return { subsystems, issues };
}

/**
 * `nvme list-subsys` (text or `-o json`, any nvme-cli release), as pasted: the shared text layer takes off what carried
 * it (a prompt, a mail's quoting, Ansible's stdout_lines), and the lines of other nvme-cli commands typed with it are theirs.
 */
export function parseListSubsys(text: string): NvmeListSubsys {
  const clean = cleanText(text);
  const issues: LineIssue[] = [];
  const lines = ownSubcommandLines(clean, 'list-subsys', issues);
  const own = lines.map((l) => l.text).join('\n');
  return jsonDocument(own) !== undefined ? fromJson(own, issues) : fromText(lines, issues);
}
