import type { AnalyzerClass } from '../../load/types.js';
import { nicFacts } from './facts.js';
import { devlinkLoader } from './devlink-loader.js';
import { netLoader, netRegsLoader } from './net-loader.js';

export const nic: AnalyzerClass = { name: 'nic', loaders: [netLoader, devlinkLoader], streaming: [netRegsLoader], facts: [nicFacts], inventory: { net: { location: 'interface' }, devlink: { location: 'none' } }, compared: [{ namespace: 'devlink.param', label: 'devlink parameter' }] };
