import type { Db } from '../../../analyzer/db/database.js';
import type { ArtifactRecord, SourceRecord } from '../../../bundle/format.js';
import type { OpenedBundle } from '../../collector/bundle-entries.js';

export type Row = Record<string, unknown>;

/** The shared fake host collected by every source (in-process), as the whole-host collector test sees it. */
export interface CollectedHost {
  bundle: OpenedBundle;
  /** The manifest's artifact records by name. */
  byName: ReadonlyMap<string, ArtifactRecord>;
  /** The tree it was collected from. */
  root: string;
}

/** The shared fake host's bundle loaded by every class's loaders, as the whole-host loader test sees it. */
export interface LoadedHost {
  db: Db;
  device(key: string): Row | undefined;
  firmware(key: string): Row[];
  setting(key: string, namespace: string, k: string, mode?: string): unknown;
}

/** Fields of a source's manifest record, matched as vitest's toMatchObject does (asymmetric matchers allowed). */
export type SourceMatch = Partial<Record<keyof SourceRecord, unknown>>;

/**
 * A class's expectations of the shared fake host, in its test folder (test/<class>/shared-host-checks.ts) and
 * registered one line per class in shared-host-check-list.ts. The whole-host tests run every registered class's and
 * name no class: test/collector/fakehost-hardware.test.ts (`source`, `collected`),
 * test/collector/fakehost-hardware-edges.test.ts (`bare`, `lost`), test/analyzer/load/fakehost-load.test.ts (`loaded`).
 */
export interface SharedHostChecks {
  /** The class, whose source is named like it. */
  name: string;
  /** Its source's record when the whole host is collected (status, device counts). */
  source?: SourceMatch;
  /** Declares vitest checks of its artifacts in the collected host. */
  collected?(host: () => CollectedHost): void;
  /** Declares vitest checks of its rows once every loader has loaded the host. */
  loaded?(host: () => LoadedHost): void;
  /** Its source's record on a host holding nothing but a kernel release. */
  bare?: SourceMatch;
  /** Directories whose loss takes its devices away, and its source's record on the host without them. */
  lost?: { dirs: readonly string[]; source: SourceMatch };
}
