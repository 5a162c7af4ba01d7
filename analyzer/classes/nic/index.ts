import type { AnalyzerClass } from '../../load/types.js';
import { nicFacts } from './facts.js';
import { devlinkLoader } from './devlink-loader.js';
import { netLoader, netRegsLoader } from './net-loader.js';
import { bnxtScheme } from './bnxt-scheme.js';
import { intelNvmScheme } from './intel-nvm-scheme.js';

export const nic: AnalyzerClass = { name: 'nic', loaders: [netLoader, devlinkLoader], streaming: [netRegsLoader], facts: [nicFacts],
  schemes: { 'intel-nvm': intelNvmScheme, bnxt: bnxtScheme },
  versionSchemes: { drivers: { i40e: 'intel-nvm', ice: 'intel-nvm', bnxt_en: 'bnxt', bnxt_re: 'bnxt', bnx2x: 'bnxt', bnx2: 'bnxt' } },
  inventory: { net: { location: 'interface', noun: 'network interface' }, devlink: { location: 'none' } }, compared: [{ namespace: 'devlink.param', label: 'devlink parameter' }] };
