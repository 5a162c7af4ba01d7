import type { ArtifactOrigin, CollectionIssue } from '../../../bundle/format.js';
import type { IoctlTransport } from '../../../collector/ioctl/transport.js';
import { executeSource } from '../../../collector/run/execute.js';
import type { WorkerMessage } from '../../../collector/run/messages.js';
import { loadSource } from '../../../collector/classes/index.js';
import { FakeHostReader } from './fake-host-reader.js';

export interface StoredArtifact {
  data: Buffer;
  origin: ArtifactOrigin;
  exitStatus?: number;
  replayedFrom?: string;
}

export interface SourceRun {
  status: string;
  reason?: string;
  artifacts: Map<string, StoredArtifact>;
  issues: Omit<CollectionIssue, 'source'>[];
  devices: string[];
}

export interface RunSourceOptions {
  root: string;
  /** False: the tree is a fake live host whose ioctls go to `transport` (FakeHostReader). */
  replay?: boolean;
  includeEeprom?: boolean;
  transport?: () => IoctlTransport;
}

/** Runs one built-in source in this process and gathers what it reported. */
export async function runSource(name: string, o: RunSourceOptions): Promise<SourceRun> {
  const run: SourceRun = { status: 'none', artifacts: new Map(), issues: [], devices: [] };
  const source = await loadSource(name);
  const includeEeprom = o.includeEeprom ?? false;
  const reader = o.replay === false && o.transport ? new FakeHostReader(o.root, o.transport, includeEeprom) : undefined;
  await executeSource(source, { root: o.root, includeEeprom, transport: o.transport, reader }, (m: WorkerMessage) => {
    switch (m.type) {
      case 'artifact':
        run.artifacts.set(m.name, { data: Buffer.from(m.data), origin: m.origin, exitStatus: m.exitStatus, replayedFrom: m.replayedFrom });
        return;
      case 'issue':
        run.issues.push(m.issue);
        return;
      case 'device':
        run.devices.push(`${m.cls}:${m.id}`);
        return;
      case 'done':
        run.status = m.status;
        run.reason = m.reason;
        return;
      default:
        return;
    }
  });
  return run;
}

export function artifact(run: SourceRun, name: string): Buffer {
  const a = run.artifacts.get(name);
  if (!a) throw new Error(`no artifact ${name}; have: ${[...run.artifacts.keys()].filter((k) => !k.startsWith('sys/')).join(', ')}`);
  return a.data;
}
