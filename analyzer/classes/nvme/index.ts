import type { AnalyzerClass } from '../../load/types.js';
import { opaqueScheme } from '../../version/index.js';
import { nvmeFacts } from './facts.js';
import { nvmeIdNsLoader } from './id-ns-loader.js';
import { nvmeLoader } from './loader.js';
import { nvmeListLoader } from './nvme-list-loader.js';
import { nvmeListSubsysLoader } from './nvme-list-subsys-loader.js';

export const nvme: AnalyzerClass = { name: 'nvme', loaders: [nvmeLoader, nvmeListLoader, nvmeListSubsysLoader, nvmeIdNsLoader], facts: [nvmeFacts],
  // The 8-byte `fr` of Identify Controller, space padded: a vendor string with no order.
  schemes: { nvme: opaqueScheme },
  // A controller the ata class's smartctl loader names by its serial (`smartctl-<serial>`: the output named no node) is at no /dev node.
  versionSchemes: { components: { nvme: 'nvme' }, drivers: { nvme: 'nvme' } }, inventory: { nvme: { location: 'dev', unnamedNoun: 'NVMe controller', isNode: (name) => !name.startsWith('smartctl-') } } };
