import type { ArtifactOrigin, CollectionIssue } from '../../bundle/format.js';

export interface ArtifactMessage {
  type: 'artifact';
  name: string;
  origin: ArtifactOrigin;
  data: Uint8Array;
  truncated: boolean;
  exitStatus?: number;
  replayedFrom?: string;
}

export type WorkerMessage =
  | ArtifactMessage
  | { type: 'issue'; issue: Omit<CollectionIssue, 'source'> }
  | { type: 'device'; cls: string; id: string }
  | { type: 'at'; target: string }
  | { type: 'done'; status: 'ok' | 'skipped' | 'failed'; reason?: string };

/** What the parent sends a worker process to start it. */
export interface WorkerStart {
  /** '': the first of the built-in sources in their order (sent early, before the collector has loaded them: cli/main.ts). */
  source: string;
  /** A module exporting `source` (tests); otherwise the source is looked up by name. */
  modulePath?: string;
  root: string;
  includeEeprom: boolean;
  includeGpu?: boolean;
}

export type Emit = (m: WorkerMessage) => void;
